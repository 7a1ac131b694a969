import type { DeclineReason, SubOrderStatus } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import type { RejectedLine, SubOrder } from './sub-order.entity';

/**
 * The sub-order state machine (API.md, "Sellers handle their orders"). Stock is held in
 * `reserved`, `awaiting_seller` and `accepted`; every other end gives it back or never had it.
 */
const TRANSITIONS: Record<SubOrderStatus, readonly SubOrderStatus[]> = {
  pending: ['reserved', 'rejected', 'released'],
  reserved: ['awaiting_seller', 'accepted', 'released'],
  awaiting_seller: ['accepted', 'declined', 'expired', 'released'],
  accepted: ['released'],
  rejected: [],
  released: [],
  declined: [],
  expired: [],
};

/** Statuses in which the catalog holds (or, for `pending`, may soon hold) the sub-order's stock. */
const HOLDS_STOCK: readonly SubOrderStatus[] = ['pending', 'reserved', 'awaiting_seller', 'accepted'];

/** Statuses after which the sub-order no longer counts towards its order (no parcel, no money). */
const WITHDRAWN: readonly SubOrderStatus[] = ['rejected', 'released', 'declined', 'expired'];

/** Whether the order's totals still count the sub-order: a seller's decline or silence takes it out. */
export function countsInTotals(s: SubOrder): boolean {
  return s.status !== 'declined' && s.status !== 'expired';
}

export function canMoveSubOrder(from: SubOrderStatus, to: SubOrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function holdsStock(s: SubOrder): boolean {
  return HOLDS_STOCK.includes(s.status);
}

export function isWithdrawn(s: SubOrder): boolean {
  return WITHDRAWN.includes(s.status);
}

function move(s: SubOrder, to: SubOrderStatus): void {
  if (!canMoveSubOrder(s.status, to)) {
    throw new IllegalTransitionError('SubOrder', s.status, to).vi(`Đơn của người bán không thể chuyển từ ${s.status} sang ${to}.`);
  }
  s.status = to;
}

/** The named moves; nothing else writes `status`. */
export const SubOrderMoves = {
  reserve(s: SubOrder): void {
    move(s, 'reserved');
  },
  rejectReservation(s: SubOrder, lines: RejectedLine[]): void {
    move(s, 'rejected');
    s.rejection = lines;
  },
  release(s: SubOrder): void {
    move(s, 'released');
  },
  awaitSeller(s: SubOrder, acceptBy: Date): void {
    move(s, 'awaiting_seller');
    s.acceptBy = acceptBy;
  },
  accept(s: SubOrder, at: Date, answer: { pickupFrom?: Date; pickupTo?: Date; note?: string } = {}): void {
    move(s, 'accepted');
    s.answeredAt = at;
    s.pickupFrom = answer.pickupFrom ?? null;
    s.pickupTo = answer.pickupTo ?? null;
    s.sellerNote = answer.note ?? null;
  },
  decline(s: SubOrder, at: Date, reason: DeclineReason, note?: string): void {
    move(s, 'declined');
    s.answeredAt = at;
    s.declineReason = reason;
    s.sellerNote = note ?? null;
  },
  expire(s: SubOrder, at: Date): void {
    move(s, 'expired');
    s.answeredAt = at;
  },
};
