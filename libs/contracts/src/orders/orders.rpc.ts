import type { Page } from '../page';
import type {
  AcceptSubOrderRequest,
  CarrierWebhookRequest,
  DeclineSubOrderRequest,
  OrderListRequest,
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
  list: 'orders.orders.list',
  acceptSubOrder: 'orders.sub-orders.accept',
  declineSubOrder: 'orders.sub-orders.decline',
  cancel: 'orders.orders.cancel',
  listShipments: 'orders.shipments.list',
  reportShipment: 'orders.shipments.report',
  carrierWebhook: 'orders.carriers.webhook',
} as const;

export interface OrdersRpcContract {
  [OrdersRpc.quote]: { request: QuoteRequest; response: QuoteView };
  [OrdersRpc.place]: { request: PlaceOrderRequest; response: OrderView };
  [OrdersRpc.get]: { request: { id: string }; response: OrderView };
  [OrdersRpc.list]: { request: OrderListRequest; response: Page<OrderView> };
  [OrdersRpc.acceptSubOrder]: { request: AcceptSubOrderRequest; response: OrderView };
  [OrdersRpc.declineSubOrder]: { request: DeclineSubOrderRequest; response: OrderView };
  [OrdersRpc.cancel]: { request: { id: string; reason?: string }; response: OrderView };
  [OrdersRpc.listShipments]: { request: { status?: ShipmentStatus; limit: number; cursor?: string }; response: Page<ShipmentView> };
  [OrdersRpc.reportShipment]: { request: ShipmentReport; response: ShipmentReportResult };
  [OrdersRpc.carrierWebhook]: { request: CarrierWebhookRequest; response: ShipmentReportResult };
}
