import type { ShipmentLine } from '@app/contracts';
import type { SettlementEnv } from '../settlement.env';

/** Rounds a × bps / 10,000 half up, exactly (BigInt: no float on money). */
function share(amountVnd: number, bps: number): number {
  return Number((BigInt(amountVnd) * BigInt(bps) + 5000n) / 10000n);
}

/** The platform's commission on a shipment's items: a rate per category, a default for the rest. */
export class CommissionPolicy {
  private readonly byCategory: Map<string, number>;

  constructor(
    readonly defaultBps: number,
    byCategory: string,
  ) {
    this.byCategory = new Map(
      byCategory
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const [category, bps] = pair.split('=');
          return [category, Number(bps)] as const;
        }),
    );
  }

  static fromEnv(env: SettlementEnv): CommissionPolicy {
    return new CommissionPolicy(env.SETTLEMENT_COMMISSION_BPS, env.SETTLEMENT_COMMISSION_BPS_BY_CATEGORY);
  }

  rateOf(categoryId: string): number {
    return this.byCategory.get(categoryId) ?? this.defaultBps;
  }

  /** Commission per line at its category's rate; items not covered by lines at the default rate. */
  commissionOf(itemsVnd: number, lines: ShipmentLine[]): number {
    let covered = 0;
    let commission = 0;
    for (const l of lines) {
      const lineVnd = l.unitPriceVnd * l.quantity;
      covered += lineVnd;
      commission += share(lineVnd, this.rateOf(l.categoryId));
    }
    if (itemsVnd > covered) commission += share(itemsVnd - covered, this.defaultBps);
    return Math.min(commission, Math.max(itemsVnd, 0));
  }
}
