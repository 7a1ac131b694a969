import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DailyReportRow } from '@app/contracts';

/** The operator report's figures, straight from settlement's read models. */
@Injectable()
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordOrder(
    manager: EntityManager,
    o: { orderId: string; placedAt: Date; provinceCode: string | null; itemsVnd: number; codVnd: number },
  ) {
    await manager.query(
      `INSERT INTO placed_orders (order_id, placed_at, province_code, items_vnd, cod_vnd) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id) DO NOTHING`,
      [o.orderId, o.placedAt, o.provinceCode, o.itemsVnd, o.codVnd],
    );
  }

  /** The order's totals after a sub-order left it (events of one order arrive in order: the last one wins). */
  async lowerOrder(manager: EntityManager, orderId: string, totals: { itemsVnd: number; codVnd: number }): Promise<void> {
    await manager.query(`UPDATE placed_orders SET items_vnd = $2, cod_vnd = $3 WHERE order_id = $1`, [
      orderId,
      totals.itemsVnd,
      totals.codVnd,
    ]);
  }

  async ordersPlaced(start: Date, end: Date): Promise<{ provinceCode: string; count: number; itemsVnd: number; codVnd: number }[]> {
    const rows = await this.dataSource.query<{ province: string; n: string; items: string; cod: string }[]>(
      `SELECT COALESCE(province_code, '') AS province, count(*) AS n, sum(items_vnd) AS items, sum(cod_vnd) AS cod
         FROM placed_orders WHERE placed_at >= $1 AND placed_at < $2 GROUP BY 1 ORDER BY 1`,
      [start, end],
    );
    return rows.map((r) => ({ provinceCode: r.province, count: Number(r.n), itemsVnd: Number(r.items), codVnd: Number(r.cod) }));
  }

  /** Per carrier and delivery province: the day's deliveries, returns, remittances, and what is outstanding at its end. */
  async shipmentRows(start: Date, end: Date): Promise<DailyReportRow[]> {
    const rows = await this.dataSource.query<
      { carrier: string; province: string; delivered: string; returned: string; collected: string; remitted: string; outstanding: string }[]
    >(
      `SELECT carrier_code AS carrier, receiver_province_code AS province,
              count(*) FILTER (WHERE delivered_at >= $1 AND delivered_at < $2) AS delivered,
              count(*) FILTER (WHERE returned_at >= $1 AND returned_at < $2) AS returned,
              COALESCE(sum(cod_vnd) FILTER (WHERE status = 'delivered' AND delivered_at >= $1 AND delivered_at < $2), 0) AS collected,
              COALESCE(sum(cod_vnd) FILTER (WHERE remitted_at >= $1 AND remitted_at < $2), 0) AS remitted,
              COALESCE(sum(cod_vnd) FILTER (WHERE status = 'delivered' AND delivered_at < $2 AND (remitted_at IS NULL OR remitted_at >= $2)), 0) AS outstanding
         FROM settled_shipments
        WHERE delivered_at < $2 OR (returned_at >= $1 AND returned_at < $2)
        GROUP BY 1, 2
       HAVING count(*) FILTER (WHERE delivered_at >= $1 AND delivered_at < $2) > 0
           OR count(*) FILTER (WHERE returned_at >= $1 AND returned_at < $2) > 0
           OR COALESCE(sum(cod_vnd) FILTER (WHERE remitted_at >= $1 AND remitted_at < $2), 0) > 0
           OR COALESCE(sum(cod_vnd) FILTER (WHERE status = 'delivered' AND delivered_at < $2 AND (remitted_at IS NULL OR remitted_at >= $2)), 0) > 0
        ORDER BY 1, 2`,
      [start, end],
    );
    return rows.map((r) => ({
      carrierCode: r.carrier,
      provinceCode: r.province,
      delivered: Number(r.delivered),
      returned: Number(r.returned),
      codCollectedVnd: Number(r.collected),
      codRemittedVnd: Number(r.remitted),
      codOutstandingVnd: Number(r.outstanding),
    }));
  }
}
