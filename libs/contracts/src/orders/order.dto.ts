import type { DeclineReason, OrderAcceptance, OrderStatus, PickupWindow, ShipmentStatus, SubOrderStatus } from './orders.events';

export interface DeliveryAddress {
  provinceCode: string;
  wardCode: string;
  line: string;
}

export interface OrderItemRequest {
  productId: string;
  quantity: number;
}

export interface QuoteRequest {
  items: OrderItemRequest[];
  address: DeliveryAddress;
  service?: 'standard' | 'express';
}

export interface QuoteView {
  /** One entry per seller (each seller ships its own parcel). */
  perSeller: {
    sellerId: string;
    sellerName: string;
    weightGrams: number;
    zone: 'intra_province' | 'intra_region' | 'inter_region';
    shippingVnd: number;
    codFeeVnd: number;
    itemsVnd: number;
  }[];
  itemsVnd: number;
  shippingVnd: number;
  codFeeVnd: number;
  /** What the buyer pays the postman: items + shipping. */
  codVnd: number;
}

export interface PlaceOrderRequest {
  buyer: { name: string; phone: string };
  address: DeliveryAddress;
  items: OrderItemRequest[];
  paymentMethod: 'cod';
  service?: 'standard' | 'express';
  /** Carrier to hand the parcels to; default: the platform's. */
  carrierCode?: string;
  note?: string;
}

export interface OrderItemView {
  productId: string;
  name: string;
  unit: string;
  quantity: number;
  unitPriceVnd: number;
  lineVnd: number;
}

/** One step of a parcel's journey as its carrier reported it. */
export interface TrackingEntry {
  status: ShipmentStatus;
  /** When it happened (ISO 8601, Vietnam time). */
  occurredAt: string;
  location?: string;
  /** The carrier's own status code, when it reported in its native format. */
  carrierStatusCode?: string;
}

export interface SubOrderView {
  id: string;
  sellerId: string;
  sellerName: string;
  status: SubOrderStatus;
  /** How the seller took orders when this one was placed. */
  acceptance: OrderAcceptance;
  /** The seller's deadline to accept or decline (while `awaiting_seller`, and after). */
  acceptBy: string | null;
  /** When the seller accepted or declined, or the deadline passed. */
  answeredAt: string | null;
  pickupWindow: PickupWindow | null;
  declineReason: DeclineReason | null;
  /** What the seller wrote with the answer. */
  sellerNote: string | null;
  shipmentId: string | null;
  shipmentStatus: ShipmentStatus | null;
  carrierCode: string | null;
  trackingCode: string | null;
  itemsVnd: number;
  shippingVnd: number;
  codVnd: number;
  items: OrderItemView[];
  rejection?: { productId: string; quantity: number; available: number; reason: string }[];
  /** The parcel's journey, oldest first (reading one order; lists leave it out). */
  tracking?: TrackingEntry[];
}

export interface OrderView {
  id: string;
  status: OrderStatus;
  buyer: { name: string; phone: string };
  address: DeliveryAddress & { provinceName: string; wardName: string };
  paymentMethod: 'cod';
  itemsVnd: number;
  shippingVnd: number;
  codVnd: number;
  reason: string | null;
  subOrders: SubOrderView[];
  placedAt: string;
  updatedAt: string;
}

/** `GET /v1/orders`: filters, and a page of the list or of the catch-up feed (`updatedSince`). */
export interface OrderListRequest {
  status?: OrderStatus[];
  subOrderStatus?: SubOrderStatus[];
  sellerId?: string;
  /** Catch-up: changes at or after this time, oldest first; the cursor then continues from the last one seen. */
  updatedSince?: string;
  createdFrom?: string;
  createdTo?: string;
  limit: number;
  cursor?: string;
}

/** A seller's acceptance of its sub-order (through its partner app). */
export interface AcceptSubOrderRequest {
  orderId: string;
  subOrderId: string;
  pickupWindow?: { from: string; to: string };
  note?: string;
}

/** A seller's refusal of its sub-order. */
export interface DeclineSubOrderRequest {
  orderId: string;
  subOrderId: string;
  reason: DeclineReason;
  note?: string;
}

export interface ShipmentReport {
  shipmentId: string;
  status: ShipmentStatus;
  occurredAt: string;
  trackingCode?: string;
  codCollectedVnd?: number;
  reason?: string;
  location?: string;
  /** The carrier's own code, when the report came in its native format. */
  carrierStatusCode?: string;
  source: 'api' | 'webhook';
}

export interface ShipmentReportResult {
  shipmentId: string;
  applied: boolean;
  /** Why nothing changed: `duplicate`, `stale` (older than the current state), `unmapped` carrier code. */
  ignored?: 'duplicate' | 'stale' | 'unmapped';
  status: ShipmentStatus;
}

export interface ShipmentView {
  id: string;
  orderId: string;
  subOrderId: string;
  carrierCode: string;
  trackingCode: string | null;
  status: ShipmentStatus;
  carrierStatusCode: string | null;
  codVnd: number;
  codCollectedVnd: number | null;
  weightGrams: number;
  /** When the seller has the parcel ready (given with the seller's acceptance); null: any time. */
  pickupWindow: PickupWindow | null;
  sender: { name: string; phone: string; provinceCode: string; wardCode: string; line: string };
  receiver: { name: string; phone: string; provinceCode: string; wardCode: string; line: string };
  createdAt: string;
  updatedAt: string;
}

/** A carrier's native webhook body, passed through as received (the service maps it). */
export interface CarrierWebhookRequest {
  carrierCode: string;
  body: Record<string, unknown>;
  /** The secret the carrier sent (Viettel Post: `TOKEN` in the body; Vietnam Post: the `Token` header). */
  secret: string | null;
}
