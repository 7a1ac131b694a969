import { Injectable } from '@nestjs/common';
import type { DailyReport, DailyReportRow } from '@app/contracts';
import { ReportRepository } from './report.repository';

type Figures = Omit<DailyReportRow, 'carrierCode' | 'provinceCode'>;

function add(into: Figures, r: Figures): void {
  into.delivered += r.delivered;
  into.returned += r.returned;
  into.codCollectedVnd += r.codCollectedVnd;
  into.codRemittedVnd += r.codRemittedVnd;
  into.codOutstandingVnd += r.codOutstandingVnd;
}

function rollUp<K extends 'carrierCode' | 'provinceCode'>(rows: DailyReportRow[], key: K): (Figures & Record<K, string>)[] {
  const groups = new Map<string, Figures & Record<K, string>>();
  for (const r of rows) {
    const g =
      groups.get(r[key]) ??
      ({ [key]: r[key], delivered: 0, returned: 0, codCollectedVnd: 0, codRemittedVnd: 0, codOutstandingVnd: 0 } as Figures &
        Record<K, string>);
    add(g, r);
    groups.set(r[key], g);
  }
  return [...groups.values()];
}

/** The figures postal operators report daily: orders, deliveries, returns, COD collected, remitted, outstanding. */
@Injectable()
export class ReportsService {
  constructor(private readonly reports: ReportRepository) {}

  async daily(date: string): Promise<DailyReport> {
    const start = new Date(`${date}T00:00:00+07:00`);
    const end = new Date(start.getTime() + 86400000);
    const placed = await this.reports.ordersPlaced(start, end);
    const rows = await this.reports.shipmentRows(start, end);
    return {
      date,
      ordersPlaced: {
        total: placed.reduce((s, p) => s + p.count, 0),
        itemsVnd: placed.reduce((s, p) => s + p.itemsVnd, 0),
        codVnd: placed.reduce((s, p) => s + p.codVnd, 0),
        byProvince: placed.map((p) => ({ provinceCode: p.provinceCode, count: p.count, codVnd: p.codVnd })),
      },
      byCarrier: rollUp(rows, 'carrierCode'),
      byProvince: rollUp(rows, 'provinceCode'),
      rows,
    };
  }
}
