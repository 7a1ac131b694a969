import { StockRejectedV1, StockReleasedV1, StockReservedV1, type EventData } from '@app/contracts';
import { event, type PendingEvent } from '@app/messaging';
import { IllegalTransitionError } from '@app/platform';
import { StockReservation, type ReservedLine } from './stock-reservation.entity';

export type ReservationStatus = StockReservation['status'];
export type RejectedLine = EventData<typeof StockRejectedV1>['lines'][number];

/**
 * A sub-order's reservation is born `reserved` (every line held) or `rejected` (none), or
 * `released` as a tombstone when the release overtook the placement; only a held one moves, to
 * `released`. Anything else is an illegal transition (409).
 */
const TRANSITIONS: Record<ReservationStatus, readonly ReservationStatus[]> = {
  reserved: ['released'],
  rejected: [],
  released: [],
};

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ReservationStatus, to: ReservationStatus): void {
  if (!canTransition(from, to))
    throw new IllegalTransitionError('Stock reservation', from, to).vi(`Giữ hàng không thể chuyển từ ${from} sang ${to}.`);
}

function born(subOrderId: string, orderId: string, status: ReservationStatus, lines: ReservedLine[]): StockReservation {
  return Object.assign(new StockReservation(), { subOrderId, orderId, status, lines });
}

/** Every line of the sub-order held; the caller has taken the quantities off the stock. */
export function reserve(
  orderId: string,
  subOrderId: string,
  lines: ReservedLine[],
): { reservation: StockReservation; event: PendingEvent<unknown> } {
  const reservation = born(subOrderId, orderId, 'reserved', lines);
  return { reservation, event: event(StockReservedV1, subOrderId, { orderId, subOrderId, lines }) };
}

/** None of the sub-order held; `lines` is what it asked for, `rejected` why each line could not be had. */
export function reject(
  orderId: string,
  subOrderId: string,
  lines: ReservedLine[],
  rejected: RejectedLine[],
): { reservation: StockReservation; event: PendingEvent<unknown> } {
  const reservation = born(subOrderId, orderId, 'rejected', lines);
  return { reservation, event: event(StockRejectedV1, subOrderId, { orderId, subOrderId, lines: rejected }) };
}

/** Released before it was ever reserved: the tombstone makes a late placement reserve nothing. */
export function tombstone(orderId: string, subOrderId: string): StockReservation {
  return born(subOrderId, orderId, 'released', []);
}

/** The held stock goes back (the caller adds the quantities to the stock). */
export function release(r: StockReservation, reason: string): PendingEvent<unknown> {
  assertTransition(r.status, 'released');
  r.status = 'released';
  return event(StockReleasedV1, r.subOrderId, { orderId: r.orderId, subOrderId: r.subOrderId, reason });
}
