import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  OrdersRpc,
  type AcceptSubOrderRequest,
  type DeclineSubOrderRequest,
  type OrderListRequest,
  type OrderView,
  type Page,
  type PlaceOrderRequest,
  type QuoteRequest,
  type QuoteView,
  type RpcRequest,
} from '@app/contracts';
import { RpcController } from '@app/platform';
import { OrderReadsService } from '../fulfilment/order-reads.service';
import { OrdersService } from './orders.service';
import { SellerAnswersService } from './seller-answers.service';

@RpcController()
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly reads: OrderReadsService,
    private readonly answers: SellerAnswersService,
  ) {}

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
    return this.reads.get(r.caller, r.payload.id);
  }

  @MessagePattern(OrdersRpc.list)
  list(@Payload() r: RpcRequest<OrderListRequest>): Promise<Page<OrderView>> {
    return this.reads.list(r.caller, r.payload);
  }

  @MessagePattern(OrdersRpc.acceptSubOrder)
  accept(@Payload() r: RpcRequest<AcceptSubOrderRequest>): Promise<OrderView> {
    return this.answers.accept(r.caller, r.payload);
  }

  @MessagePattern(OrdersRpc.declineSubOrder)
  decline(@Payload() r: RpcRequest<DeclineSubOrderRequest>): Promise<OrderView> {
    return this.answers.decline(r.caller, r.payload);
  }

  @MessagePattern(OrdersRpc.cancel)
  cancel(@Payload() r: RpcRequest<{ id: string; reason?: string }>): Promise<OrderView> {
    return this.orders.cancel(r.caller, r.payload.id, r.payload.reason);
  }
}
