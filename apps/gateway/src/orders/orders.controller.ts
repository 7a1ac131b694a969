import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrdersRpc } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { OrderListQueryDto, OrderPageDto, orderListRequest } from './order-list.dto';
import { CancelOrderDto, PlaceOrderDto, QuoteDto } from './order.dto';
import { AcceptSubOrderDto, DeclineSubOrderDto } from './seller-answer.dto';
import { OrderViewDto, QuoteViewDto } from './order-view.dto';

@ApiTags('orders')
@Controller('v1')
export class OrdersController {
  constructor(private readonly services: ServiceClient) {}

  @Post('shipping/quotes')
  @HttpCode(200)
  @Roles('storefront')
  @ApiOperation({ summary: 'Shipping fee and COD fee per seller for a basket and a delivery address.' })
  @ApiOkResponse({ type: QuoteViewDto })
  @ApiProblems(400, 413, 422)
  quote(@Body() body: QuoteDto, @Ctx() ctx: RequestContext): Promise<QuoteViewDto> {
    return this.services.call(OrdersRpc.quote, ctx.caller, ctx.requestId, body);
  }

  @Post('orders')
  @Roles('storefront')
  @Idempotent()
  @ApiOperation({
    summary: 'Place a COD order; it starts `pending` and is split into one sub-order per seller.',
    description:
      'Prices come from the catalog, never from the request. The order becomes `confirmed` when every seller’s stock is reserved, `rejected` otherwise.',
  })
  @ApiCreatedResponse({ type: OrderViewDto })
  @ApiProblems(400, 409, 413, 422)
  place(@Body() body: PlaceOrderDto, @Ctx() ctx: RequestContext): Promise<OrderViewDto> {
    return this.services.call(OrdersRpc.place, ctx.caller, ctx.requestId, body, ctx.operation);
  }

  @Get('orders')
  @Roles('storefront', 'partner', 'admin')
  @ApiOperation({
    summary:
      'Orders the caller may see: a storefront its own, a partner those holding its sellers’ sub-orders (only those shown), an operator all.',
    description:
      'Newest change first. With `updatedSince` the oldest change comes first and `nextCursor` is always given: polling with it never skips or repeats a change (catch-up). Keep the same filters across the pages of one listing.',
  })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(422)
  list(@Query() query: OrderListQueryDto, @Ctx() ctx: RequestContext): Promise<OrderPageDto> {
    return this.services.call(OrdersRpc.list, ctx.caller, ctx.requestId, orderListRequest(query));
  }

  @Get('orders/:id')
  @Roles('storefront', 'partner', 'admin')
  @ApiOperation({
    summary: 'An order with its sub-orders, their deadlines and parcels’ tracking (partners: their sellers’ only, buyer phone masked).',
  })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiProblems(404)
  get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<OrderViewDto> {
    return this.services.call(OrdersRpc.get, ctx.caller, ctx.requestId, { id });
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @Roles('storefront', 'admin')
  @ApiOperation({ summary: 'Cancel an order until it is handed to the carrier; reserved stock goes back.' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiProblems(404, 409, 422)
  cancel(@Param('id') id: string, @Body() body: CancelOrderDto, @Ctx() ctx: RequestContext): Promise<OrderViewDto> {
    return this.services.call(OrdersRpc.cancel, ctx.caller, ctx.requestId, { id, ...(body.reason ? { reason: body.reason } : {}) });
  }

  @Post('orders/:id/sub-orders/:subOrderId/accept')
  @HttpCode(200)
  @Roles('partner')
  @Idempotent()
  @ApiOperation({
    summary: 'The seller accepts its sub-order (`awaiting_seller` → `accepted`): only then is the shipment requested.',
    description:
      'An optional pickup window (in the future, within 7 days, at least 1 hour long) travels to the carrier in `shipment.requested.v1`. After the deadline, or in any other state, 409 names the state and nothing changes.',
  })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiProblems(404, 409, 422)
  accept(
    @Param('id') id: string,
    @Param('subOrderId') subOrderId: string,
    @Body() body: AcceptSubOrderDto,
    @Ctx() ctx: RequestContext,
  ): Promise<OrderViewDto> {
    return this.services.call(OrdersRpc.acceptSubOrder, ctx.caller, ctx.requestId, {
      orderId: id,
      subOrderId,
      ...(body.pickupWindow ? { pickupWindow: { from: body.pickupWindow.from, to: body.pickupWindow.to } } : {}),
      ...(body.note ? { note: body.note } : {}),
    });
  }

  @Post('orders/:id/sub-orders/:subOrderId/decline')
  @HttpCode(200)
  @Roles('partner')
  @Idempotent()
  @ApiOperation({
    summary: 'The seller declines its sub-order (`awaiting_seller` → `declined`): stock released, the order’s totals and COD lowered.',
    description: 'When no sub-order of the order is left, the order is cancelled.',
  })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiProblems(404, 409, 422)
  decline(
    @Param('id') id: string,
    @Param('subOrderId') subOrderId: string,
    @Body() body: DeclineSubOrderDto,
    @Ctx() ctx: RequestContext,
  ): Promise<OrderViewDto> {
    return this.services.call(OrdersRpc.declineSubOrder, ctx.caller, ctx.requestId, {
      orderId: id,
      subOrderId,
      reason: body.reason,
      ...(body.note ? { note: body.note } : {}),
    });
  }
}
