import { StockRejectedV1, StockReleasedV1, StockReservedV1 } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import { aStockReservation } from '../../../../test/support/factories';
import { canTransition, reject, release, reserve, tombstone } from './stock-reservation-state';

describe('stock reservation transitions', () => {
  const lines = [{ productId: 'p1', quantity: 3, unitPriceVnd: 20000 }];

  it('holds every line of a reserved sub-order and says so', () => {
    const { reservation, event } = reserve('o1', 's1', lines);
    expect(reservation).toMatchObject({ orderId: 'o1', subOrderId: 's1', status: 'reserved', lines });
    expect(event).toMatchObject({ definition: StockReservedV1, subject: 's1', data: { orderId: 'o1', subOrderId: 's1', lines } });
  });

  it('keeps what a rejected sub-order asked for and tells why each line failed', () => {
    const why = [{ productId: 'p1', quantity: 3, available: 1, reason: 'insufficient_stock' as const }];
    const { reservation, event } = reject('o1', 's1', lines, why);
    expect(reservation.status).toBe('rejected');
    expect(reservation.lines).toEqual(lines);
    expect(event).toMatchObject({ definition: StockRejectedV1, data: { lines: why } });
  });

  it('leaves a released tombstone with no lines when the release comes first', () => {
    expect(tombstone('o1', 's1')).toMatchObject({ status: 'released', lines: [], orderId: 'o1', subOrderId: 's1' });
  });

  it('releases a held reservation with the reason given', () => {
    const r = aStockReservation();
    const event = release(r, 'cancelled');
    expect(r.status).toBe('released');
    expect(event).toMatchObject({ definition: StockReleasedV1, subject: r.subOrderId, data: { reason: 'cancelled' } });
  });

  it.each(['rejected', 'released'] as const)('refuses to release a %s reservation (409)', (status) => {
    const r = aStockReservation({ status });
    expect(canTransition(status, 'released')).toBe(false);
    expect(() => release(r, 'cancelled')).toThrow(IllegalTransitionError);
    expect(r.status).toBe(status);
  });

  it('never moves back to reserved', () => {
    expect(canTransition('released', 'reserved')).toBe(false);
    expect(canTransition('rejected', 'reserved')).toBe(false);
  });
});
