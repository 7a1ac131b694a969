import { PayoutBatchCreatedV1, PayoutBatchPaidV1, type PayoutStatus } from '@app/contracts';
import { event, type PendingEvent } from '@app/messaging';
import { IllegalTransitionError } from '@app/platform';
import { Payout } from './payout.entity';

/** A payout is `created` with its amounts in transit, then `paid` once the bank transfers are made. */
const TRANSITIONS: Record<PayoutStatus, readonly PayoutStatus[]> = {
  created: ['paid'],
  paid: [],
};

export function canTransition(from: PayoutStatus, to: PayoutStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: PayoutStatus, to: PayoutStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError('Payout', from, to);
}

export type PayoutFields = Pick<Payout, 'id' | 'reference' | 'minimumVnd' | 'totalVnd' | 'itemCount'>;

/** A new payout: the sellers' available balances it takes are in transit until it is paid. */
export function openPayout(fields: PayoutFields): { payout: Payout; event: PendingEvent<unknown> } {
  const payout = Object.assign(new Payout(), { ...fields, status: 'created' as const, paidAt: null });
  return {
    payout,
    event: event(PayoutBatchCreatedV1, payout.id, {
      payoutId: payout.id,
      reference: payout.reference,
      totalVnd: payout.totalVnd,
      itemCount: payout.itemCount,
    }),
  };
}

/** The bank transfers were made at `at`. */
export function markPayoutPaid(
  p: Payout,
  at: Date,
  items: { sellerId: string; partnerId: string | null; amountVnd: number }[] = [],
): PendingEvent<unknown> {
  assertTransition(p.status, 'paid');
  p.status = 'paid';
  p.paidAt = at;
  return event(PayoutBatchPaidV1, p.id, { payoutId: p.id, totalVnd: p.totalVnd, paidAt: at.toISOString(), items });
}
