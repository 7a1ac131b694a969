import type { OrderStatus, ShipmentStatus } from './orders.events';

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

export interface SubOrderView {
  id: string;
  sellerId: string;
  sellerName: string;
  status: 'pending' | 'reserved' | 'rejected' | 'released';
  shipmentId: string | null;
  shipmentStatus: ShipmentStatus | null;
  carrierCode: string | null;
  trackingCode: string | null;
  itemsVnd: number;
  shippingVnd: number;
  codVnd: number;
  items: OrderItemView[];
  rejection?: { productId: string; quantity: number; available: number; reason: string }[];
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
