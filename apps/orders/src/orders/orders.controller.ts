import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrdersRpc, type OrderView, type PlaceOrderRequest, type QuoteRequest, type QuoteView, type RpcRequest } from '@app/contracts';
import { RpcController } from '@app/platform';
import { OrdersService } from './orders.service';

@RpcController()
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @MessagePattern(OrdersRpc.quote)
  quote(@Payload() r: RpcRequest<QuoteRequest>): Promise<QuoteView> {
    return this.orders.quote(r.payload);
  }

  @MessagePattern(OrdersRpc.place)
  place(@Payload() r: RpcRequest<PlaceOrderRequest>): Promise<OrderView> {
    return this.orders.place(r.caller, r.payload, r.operation);
  }

  @MessagePattern(OrdersRpc.get)
  get(@Payload() r: RpcRequest<{ id: string }>): Promise<OrderView> {
    return this.orders.get(r.caller, r.payload.id);
  }

  @MessagePattern(OrdersRpc.cancel)
  cancel(@Payload() r: RpcRequest<{ id: string; reason?: string }>): Promise<OrderView> {
    return this.orders.cancel(r.caller, r.payload.id, r.payload.reason);
  }
}
