import type { Page } from '../page';
import type {
  CarrierWebhookRequest,
  OrderView,
  PlaceOrderRequest,
  QuoteRequest,
  QuoteView,
  ShipmentReport,
  ShipmentReportResult,
  ShipmentView,
} from './order.dto';
import type { ShipmentStatus } from './orders.events';

/** Requests the gateway sends to the orders service. */
export const OrdersRpc = {
  quote: 'orders.shipping.quote',
  place: 'orders.orders.place',
  get: 'orders.orders.get',
  cancel: 'orders.orders.cancel',
  listShipments: 'orders.shipments.list',
  reportShipment: 'orders.shipments.report',
  carrierWebhook: 'orders.carriers.webhook',
} as const;

export interface OrdersRpcContract {
  [OrdersRpc.quote]: { request: QuoteRequest; response: QuoteView };
  [OrdersRpc.place]: { request: PlaceOrderRequest; response: OrderView };
  [OrdersRpc.get]: { request: { id: string }; response: OrderView };
  [OrdersRpc.cancel]: { request: { id: string; reason?: string }; response: OrderView };
  [OrdersRpc.listShipments]: { request: { status?: ShipmentStatus; limit: number; cursor?: string }; response: Page<ShipmentView> };
  [OrdersRpc.reportShipment]: { request: ShipmentReport; response: ShipmentReportResult };
  [OrdersRpc.carrierWebhook]: { request: CarrierWebhookRequest; response: ShipmentReportResult };
}
