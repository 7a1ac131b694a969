import { defineEvent } from '../cloud-event';
import { registerEvents } from '../event-registry';
import { Topics } from '../topics';

export interface SubOrderLines {
  subOrderId: string;
  sellerId: string;
  lines: { productId: string; quantity: number }[];
}

/** An order was accepted as `pending`; catalog reserves stock per sub-order. */
export const OrderPlacedV1 = defineEvent<{
  orderId: string;
  placedAt: string;
  subOrders: SubOrderLines[];
  /** Totals in đồng at placement (server-computed from catalog prices). */
  itemsVnd?: number;
  shippingVnd?: number;
  codVnd?: number;
  /** 2025 province code of the delivery address (operator reports). */
  deliveryProvinceCode?: string;
}>('orders.order.placed.v1', Topics.ordersEvents);

/** A sub-order's reservation must be given back (order cancelled, rejected, timed out, returned). */
export const SubOrderReleasedV1 = defineEvent<{
  orderId: string;
  subOrderId: string;
  reason: 'cancelled' | 'rejected' | 'timed_out' | 'returned';
}>('orders.sub-order.released.v1', Topics.ordersEvents);

export const OrderStatuses = ['pending', 'confirmed', 'rejected', 'shipping', 'delivered', 'completed', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof OrderStatuses)[number];

/** Any change of an order's status (named transitions only). */
export const OrderStatusChangedV1 = defineEvent<{ orderId: string; from: OrderStatus; to: OrderStatus; reason?: string; at: string }>(
  'orders.order.status-changed.v1',
  Topics.ordersEvents,
);

export const ShipmentStatuses = [
  'requested',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'failed',
  'returning',
  'returned',
  'cancelled',
] as const;
export type ShipmentStatus = (typeof ShipmentStatuses)[number];

/** What a shipment carries, per line, with the traceability lot where the product has one. */
export interface ShipmentLine {
  productId: string;
  name: string;
  categoryId: string;
  quantity: number;
  unitPriceVnd: number;
  lotId: string | null;
}

/** The facts of a shipment that every status event repeats, so consumers need no lookups. */
export interface ShipmentFacts {
  shipmentId: string;
  orderId: string;
  subOrderId: string;
  sellerId: string;
  /** The partner owning the seller (settlement statements, partner reads). */
  partnerId: string;
  carrierCode: string;
  /** The carrier's waybill number, once picked up. */
  trackingCode: string | null;
  senderProvinceCode: string;
  receiverProvinceCode: string;
  receiverWardCode: string;
  itemsVnd: number;
  shippingVnd: number;
  /** Cash the carrier must collect from the buyer (items + shipping for COD orders). */
  codVnd: number;
  lines: ShipmentLine[];
}

/**
 * A shipment moved to another status (carrier report accepted). Duplicates and stale reports
 * never produce this event.
 */
export const ShipmentStatusChangedV1 = defineEvent<
  ShipmentFacts & {
    from: ShipmentStatus;
    to: ShipmentStatus;
    /** The carrier's own status code, kept next to ours (e.g. Viettel Post 501). */
    carrierStatusCode: string | null;
    occurredAt: string;
    location: string | null;
    reason: string | null;
  }
>('orders.shipment.status-changed.v1', Topics.ordersEvents);

/** A shipment was delivered; with COD, `codCollectedVnd` is what the carrier now owes. */
export const ShipmentDeliveredV1 = defineEvent<ShipmentFacts & { deliveredAt: string; codCollectedVnd: number }>(
  'orders.shipment.delivered.v1',
  Topics.ordersEvents,
);

/** A shipment came back to the seller (delivery failed); nothing was collected. */
export const ShipmentReturnedV1 = defineEvent<ShipmentFacts & { returnedAt: string; reason: string | null }>(
  'orders.shipment.returned.v1',
  Topics.ordersEvents,
);

registerEvents(OrderPlacedV1, SubOrderReleasedV1, OrderStatusChangedV1, ShipmentStatusChangedV1, ShipmentDeliveredV1, ShipmentReturnedV1);
