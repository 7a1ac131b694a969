import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  NotificationsRpc,
  type CreateWebhookEndpointRequest,
  type DeliveryAttemptView,
  type ListDeliveriesRequest,
  type Page,
  type PageRequest,
  type ReplayRequest,
  type RpcRequest,
  type TestDeliveryRequest,
  type UpdateWebhookEndpointRequest,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
} from '@app/contracts';
import { RpcController } from '@app/platform';
import { EndpointsService } from './endpoints.service';

@RpcController()
export class EndpointsController {
  constructor(private readonly endpoints: EndpointsService) {}

  @MessagePattern(NotificationsRpc.createEndpoint)
  create(@Payload() r: RpcRequest<CreateWebhookEndpointRequest>): Promise<WebhookEndpointWithSecret> {
    return this.endpoints.create(r.caller, r.payload);
  }

  @MessagePattern(NotificationsRpc.listEndpoints)
  list(@Payload() r: RpcRequest<PageRequest>): Promise<Page<WebhookEndpointView>> {
    return this.endpoints.list(r.caller, r.payload);
  }

  @MessagePattern(NotificationsRpc.getEndpoint)
  get(@Payload() r: RpcRequest<{ id: string }>): Promise<WebhookEndpointView> {
    return this.endpoints.get(r.caller, r.payload.id);
  }

  @MessagePattern(NotificationsRpc.updateEndpoint)
  update(@Payload() r: RpcRequest<UpdateWebhookEndpointRequest>): Promise<WebhookEndpointView> {
    return this.endpoints.update(r.caller, r.payload);
  }

  @MessagePattern(NotificationsRpc.deleteEndpoint)
  delete(@Payload() r: RpcRequest<{ id: string }>): Promise<{ deleted: true }> {
    return this.endpoints.delete(r.caller, r.payload.id);
  }

  @MessagePattern(NotificationsRpc.rotateSecret)
  rotate(@Payload() r: RpcRequest<{ id: string }>): Promise<WebhookEndpointWithSecret> {
    return this.endpoints.rotate(r.caller, r.payload.id);
  }

  @MessagePattern(NotificationsRpc.testDelivery)
  test(@Payload() r: RpcRequest<TestDeliveryRequest>): Promise<{ eventId: string }> {
    return this.endpoints.test(r.caller, r.payload);
  }

  @MessagePattern(NotificationsRpc.listDeliveries)
  deliveries(@Payload() r: RpcRequest<ListDeliveriesRequest>): Promise<Page<DeliveryAttemptView>> {
    return this.endpoints.deliveriesOf(r.caller, r.payload);
  }

  @MessagePattern(NotificationsRpc.replay)
  replay(@Payload() r: RpcRequest<ReplayRequest>): Promise<{ requeued: number }> {
    return this.endpoints.replay(r.caller, r.payload);
  }
}
