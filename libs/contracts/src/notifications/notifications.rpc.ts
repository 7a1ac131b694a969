import type { Page, PageRequest } from '../page';
import type { PublicEvent } from './public-events';
import type {
  CreateWebhookEndpointRequest,
  DeliveryAttemptView,
  ListDeliveriesRequest,
  ListEventsRequest,
  ReplayRequest,
  TestDeliveryRequest,
  UpdateWebhookEndpointRequest,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from './webhook.dto';

/** Requests the gateway sends to the notifications service. */
export const NotificationsRpc = {
  createEndpoint: 'notifications.endpoints.create',
  listEndpoints: 'notifications.endpoints.list',
  getEndpoint: 'notifications.endpoints.get',
  updateEndpoint: 'notifications.endpoints.update',
  deleteEndpoint: 'notifications.endpoints.delete',
  rotateSecret: 'notifications.endpoints.rotate-secret',
  testDelivery: 'notifications.endpoints.test',
  listDeliveries: 'notifications.endpoints.deliveries',
  replay: 'notifications.endpoints.replay',
  listEvents: 'notifications.events.list',
} as const;

export interface NotificationsRpcContract {
  [NotificationsRpc.createEndpoint]: { request: CreateWebhookEndpointRequest; response: WebhookEndpointWithSecret };
  [NotificationsRpc.listEndpoints]: { request: PageRequest; response: Page<WebhookEndpointView> };
  [NotificationsRpc.getEndpoint]: { request: { id: string }; response: WebhookEndpointView };
  [NotificationsRpc.updateEndpoint]: { request: UpdateWebhookEndpointRequest; response: WebhookEndpointView };
  [NotificationsRpc.deleteEndpoint]: { request: { id: string }; response: { deleted: true } };
  [NotificationsRpc.rotateSecret]: { request: { id: string }; response: WebhookEndpointWithSecret };
  [NotificationsRpc.testDelivery]: { request: TestDeliveryRequest; response: { eventId: string } };
  [NotificationsRpc.listDeliveries]: { request: ListDeliveriesRequest; response: Page<DeliveryAttemptView> };
  [NotificationsRpc.replay]: { request: ReplayRequest; response: { requeued: number } };
  [NotificationsRpc.listEvents]: { request: ListEventsRequest; response: Page<PublicEvent> };
}
