import { defineEvent } from '../cloud-event';
import { registerEvents } from '../event-registry';
import { Topics } from '../topics';

export interface SubOrderLines {
  subOrderId: string;
  sellerId: string;
  /** The partner owning the seller (who is told of the order). */
  partnerId?: string;
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
  /** The storefront API key that placed it (who is told of its changes). */
  storefrontKeyId?: string;
}>('orders.order.placed.v1', Topics.ordersEvents);

/** A sub-order's reservation must be given back (order cancelled, rejected, timed out, returned). */
export const SubOrderReleasedV1 = defineEvent<{
  orderId: string;
  subOrderId: string;
  reason: 'cancelled' | 'rejected' | 'timed_out' | 'returned' | 'declined' | 'expired';
}>('orders.sub-order.released.v1', Topics.ordersEvents);

/**
 * A sub-order's life (API.md, "Sellers handle their orders"): `pending` until the catalog answers,
 * `reserved`, then, once the order is confirmed, `awaiting_seller` (manual sellers) or `accepted`;
 * `rejected`, `released`, `declined` and `expired` end it without a parcel.
 */
export const SubOrderStatuses = [
  'pending',
  'reserved',
  'rejected',
  'released',
  'awaiting_seller',
  'accepted',
  'declined',
  'expired',
] as const;
export type SubOrderStatus = (typeof SubOrderStatuses)[number];

/** How a seller takes orders: answers each one (`manual`, the default) or takes them all (`auto`). */
export const OrderAcceptanceModes = ['manual', 'auto'] as const;
export type OrderAcceptance = (typeof OrderAcceptanceModes)[number];

/** Why a seller declined a sub-order. */
export const DeclineReasons = ['out_of_stock', 'quality', 'cannot_deliver', 'other'] as const;
export type DeclineReason = (typeof DeclineReasons)[number];

/** When the carrier may come for the parcel: ISO 8601 with offset, `from` < `to`. */
export interface PickupWindow {
  from: string;
  to: string;
}

/** Who a sub-order event concerns: the order, the seller and the partner that registered the seller. */
export interface SubOrderRef {
  orderId: string;
  subOrderId: string;
  sellerId: string;
  partnerId: string;
}

/** Order totals in đồng (items, shipping, what the buyer pays on delivery). */
export interface OrderTotals {
  itemsVnd: number;
  shippingVnd: number;
  codVnd: number;
}

/** A confirmed order's sub-order waits for its seller to accept or decline it by `acceptBy`. */
export const SubOrderAwaitingSellerV1 = defineEvent<
  SubOrderRef &
    OrderTotals & {
      /** The deadline: no answer by then and the sub-order expires (stock released). */
      acceptBy: string;
      lines: { productId: string; name: string; quantity: number; lineVnd: number }[];
    }
>('orders.sub-order.awaiting-seller.v1', Topics.ordersEvents);

/** The sub-order was accepted (by its seller, or at once for `auto` sellers): its shipment is requested. */
export const SubOrderAcceptedV1 = defineEvent<
  SubOrderRef & {
    shipmentId: string;
    /** True when the seller takes orders automatically (`orderAcceptance: auto`). */
    automatic: boolean;
    pickupWindow: PickupWindow | null;
    note: string | null;
    acceptedAt: string;
  }
>('orders.sub-order.accepted.v1', Topics.ordersEvents);

/**
 * A sub-order left its order without a parcel: its stock is released and the order's totals drop
 * by `removed`; `orderTotals` are the order's totals after that (all zero when the order is cancelled).
 */
export interface SubOrderWithdrawal extends SubOrderRef {
  removed: OrderTotals;
  orderTotals: OrderTotals;
  /** 2025 province code of the delivery address (operator reports). */
  deliveryProvinceCode: string;
}

/** The seller declined the sub-order. */
export const SubOrderDeclinedV1 = defineEvent<SubOrderWithdrawal & { reason: DeclineReason; note: string | null; declinedAt: string }>(
  'orders.sub-order.declined.v1',
  Topics.ordersEvents,
);

/** The seller did not answer by the deadline. */
export const SubOrderExpiredV1 = defineEvent<SubOrderWithdrawal & { acceptBy: string; expiredAt: string }>(
  'orders.sub-order.expired.v1',
  Topics.ordersEvents,
);

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

registerEvents(
  OrderPlacedV1,
  SubOrderReleasedV1,
  SubOrderAwaitingSellerV1,
  SubOrderAcceptedV1,
  SubOrderDeclinedV1,
  SubOrderExpiredV1,
  OrderStatusChangedV1,
  ShipmentStatusChangedV1,
  ShipmentDeliveredV1,
  ShipmentReturnedV1,
);
