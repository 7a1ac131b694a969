import { defineEvent } from '../cloud-event';
import { registerEvents } from '../event-registry';
import { Topics } from '../topics';

export interface SubOrderLines {
  subOrderId: string;
  sellerId: string;
  lines: { productId: string; quantity: number }[];
}

/** An order was accepted as `pending`; catalog reserves stock per sub-order. */
export const OrderPlacedV1 = defineEvent<{ orderId: string; placedAt: string; subOrders: SubOrderLines[] }>(
  'orders.order.placed.v1',
  Topics.ordersEvents,
);

/** A sub-order's reservation must be given back (order cancelled, rejected, timed out, returned). */
export const SubOrderReleasedV1 = defineEvent<{
  orderId: string;
  subOrderId: string;
  reason: 'cancelled' | 'rejected' | 'timed_out' | 'returned';
}>('orders.sub-order.released.v1', Topics.ordersEvents);

registerEvents(OrderPlacedV1, SubOrderReleasedV1);
