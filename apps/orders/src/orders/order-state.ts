import type { OrderStatus } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import type { Order } from './order.entity';

/** The order state machine of API.md; anything else is an illegal transition (409). */
const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'rejected', 'cancelled'],
  confirmed: ['shipping', 'cancelled'],
  shipping: ['delivered', 'returned'],
  delivered: ['completed'],
  completed: [],
  rejected: [],
  cancelled: [],
  returned: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError('Order', from, to).vi(`Đơn hàng không thể chuyển từ ${from} sang ${to}.`);
}

/** The one place an order's status is written (OrderLifecycle names the moves and emits their events). */
export function moveOrder(order: Order, to: OrderStatus, reason?: string): void {
  assertTransition(order.status, to);
  order.status = to;
  if (reason !== undefined) order.reason = reason;
}
