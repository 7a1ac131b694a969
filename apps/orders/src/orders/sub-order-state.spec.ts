import { aSubOrder, anOrder } from '../../../../test/support/factories';
import { canMoveSubOrder, countsInTotals, holdsStock, isWithdrawn, SubOrderMoves } from './sub-order-state';

describe('sub-order state machine', () => {
  it.each([
    ['pending', 'reserved', true],
    ['pending', 'accepted', false],
    ['reserved', 'awaiting_seller', true],
    ['reserved', 'accepted', true],
    ['reserved', 'declined', false],
    ['awaiting_seller', 'accepted', true],
    ['awaiting_seller', 'declined', true],
    ['awaiting_seller', 'expired', true],
    ['awaiting_seller', 'released', true],
    ['accepted', 'released', true],
    ['accepted', 'declined', false],
    ['declined', 'accepted', false],
    ['expired', 'accepted', false],
    ['released', 'reserved', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canMoveSubOrder(from, to)).toBe(allowed);
  });

  it('accepts with the window and note, and only once', () => {
    const sub = aSubOrder(anOrder());
    const at = new Date();
    SubOrderMoves.accept(sub, at, {
      pickupFrom: new Date(at.getTime() + 3_600_000),
      pickupTo: new Date(at.getTime() + 7_200_000),
      note: 'cổng sau',
    });
    expect(sub).toMatchObject({ status: 'accepted', answeredAt: at, sellerNote: 'cổng sau' });
    expect(() => SubOrderMoves.accept(sub, at)).toThrow('cannot go from accepted to accepted');
    expect(() => SubOrderMoves.decline(sub, at, 'quality')).toThrow('cannot go from accepted to declined');
  });

  it('says which statuses hold stock and which no longer count in the order', () => {
    const order = anOrder();
    const statuses = ['pending', 'reserved', 'awaiting_seller', 'accepted', 'rejected', 'released', 'declined', 'expired'] as const;
    const at = (status: (typeof statuses)[number]) => aSubOrder(order, { status });
    expect(statuses.filter((s) => holdsStock(at(s)))).toEqual(['pending', 'reserved', 'awaiting_seller', 'accepted']);
    expect(statuses.filter((s) => isWithdrawn(at(s)))).toEqual(['rejected', 'released', 'declined', 'expired']);
    expect(statuses.filter((s) => !countsInTotals(at(s)))).toEqual(['declined', 'expired']);
  });
});
