import { PayoutBatchCreatedV1, PayoutBatchPaidV1 } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import { aPayout } from '../../../../test/support/factories';
import { canTransition, markPayoutPaid, openPayout } from './payout-state';

describe('payout transitions', () => {
  it('opens a payout as created, nothing paid yet', () => {
    const { payout, event } = openPayout({ id: 'p1', reference: 'ref-1', minimumVnd: 100_000, totalVnd: 300_000, itemCount: 2 });
    expect(payout).toMatchObject({ status: 'created', paidAt: null, totalVnd: 300_000 });
    expect(event).toMatchObject({
      definition: PayoutBatchCreatedV1,
      subject: 'p1',
      data: { payoutId: 'p1', reference: 'ref-1', totalVnd: 300_000, itemCount: 2 },
    });
  });

  it('marks a created payout paid at the time given', () => {
    const p = aPayout();
    const at = new Date('2026-12-07T09:30:00Z');
    const event = markPayoutPaid(p, at);
    expect(p).toMatchObject({ status: 'paid', paidAt: at });
    expect(event).toMatchObject({
      definition: PayoutBatchPaidV1,
      data: { payoutId: p.id, totalVnd: p.totalVnd, paidAt: at.toISOString() },
    });
  });

  it('refuses to pay a payout twice (409) and leaves it as it was', () => {
    const paidAt = new Date('2026-12-06T00:00:00Z');
    const p = aPayout({ status: 'paid', paidAt });
    expect(canTransition('paid', 'paid')).toBe(false);
    expect(() => markPayoutPaid(p, new Date())).toThrow(IllegalTransitionError);
    expect(p.paidAt).toBe(paidAt);
  });
});
