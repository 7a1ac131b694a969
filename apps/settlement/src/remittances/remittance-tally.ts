import type { LineOutcome } from '@app/contracts';
import type { OutcomeAggregate, RangeResult, SellerRelease } from './reconciliation.repository';

/**
 * What the steps of one remittance came to, as this process committed them: per-outcome sums and
 * the seller shares released. The close needs both for the whole remittance; adding up the steps
 * spares it a pass over every line. Memory only: a remittance resumed after a restart counts from
 * `fromStep`, and the close reads what the earlier steps found from the lines themselves.
 */
export class RemittanceTally {
  private readonly outcomes = new Map<LineOutcome, OutcomeAggregate>();
  private readonly shares = new Map<string, number>();
  private next: number;

  constructor(readonly fromStep: number) {
    this.next = fromStep;
  }

  /** The steps counted so far, from `fromStep`, without a gap. */
  get throughStep(): number {
    return this.next;
  }

  /** Counts a committed step; false (and nothing counted) if it is not the next one. */
  add(step: number, r: Pick<RangeResult, 'outcomes' | 'releases'>): boolean {
    if (step !== this.next) return false;
    this.merge(r.outcomes, r.releases);
    this.next += 1;
    return true;
  }

  /** Adds what the lines before `fromStep` came to (read from the database at close). */
  merge(outcomes: OutcomeAggregate[], releases: SellerRelease[]): void {
    for (const o of outcomes) {
      const t = this.outcomes.get(o.outcome);
      this.outcomes.set(
        o.outcome,
        t
          ? {
              outcome: o.outcome,
              count: t.count + o.count,
              codCollectedVnd: t.codCollectedVnd + o.codCollectedVnd,
              expectedCodVnd: t.expectedCodVnd + o.expectedCodVnd,
              netRemittedVnd: t.netRemittedVnd + o.netRemittedVnd,
              feesVnd: t.feesVnd + o.feesVnd,
            }
          : { ...o },
      );
    }
    for (const r of releases) this.shares.set(r.sellerId, (this.shares.get(r.sellerId) ?? 0) + r.shareVnd);
  }

  totals(): OutcomeAggregate[] {
    return [...this.outcomes.values()];
  }

  releases(): SellerRelease[] {
    return [...this.shares].map(([sellerId, shareVnd]) => ({ sellerId, shareVnd }));
  }
}
