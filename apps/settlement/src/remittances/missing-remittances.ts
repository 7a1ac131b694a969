import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MissingSummary } from '@app/contracts';
import type { SettlementEnv } from '../settlement.env';
import { SETTLEMENT_ENV } from '../settlement.tokens';
import { ShipmentRepository } from '../shipments/shipment.repository';

/** Delivered COD the carrier has not remitted after the grace days, aged in buckets. */
@Injectable()
export class MissingRemittances {
  constructor(
    private readonly shipments: ShipmentRepository,
    @Inject(SETTLEMENT_ENV) private readonly env: SettlementEnv,
  ) {}

  async summary(manager: EntityManager, carrier: string, now: Date): Promise<MissingSummary> {
    const afterDays = this.env.SETTLEMENT_MISSING_AFTER_DAYS;
    const cutoff = new Date(now.getTime() - afterDays * 86400000);
    const { items, buckets } = await this.shipments.missing(manager, carrier, cutoff, now);
    const ranges: [string, number, number][] = [
      [`${afterDays}-7`, 0, 7],
      ['8-14', 8, 14],
      ['15-30', 15, 30],
      ['31+', 31, Number.MAX_SAFE_INTEGER],
    ];
    return {
      afterDays,
      count: buckets.length,
      codVnd: buckets.reduce((s, b) => s + b.cod, 0),
      ageing: ranges.map(([bucket, lo, hi]) => {
        const inBucket = buckets.filter((b) => b.age >= lo && b.age <= hi);
        return { bucket, count: inBucket.length, codVnd: inBucket.reduce((s, b) => s + b.cod, 0) };
      }),
      items,
    };
  }
}
