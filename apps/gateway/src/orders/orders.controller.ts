import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrdersRpc } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { CancelOrderDto, PlaceOrderDto, QuoteDto } from './order.dto';
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

  @Get('orders/:id')
  @Roles('storefront', 'partner', 'admin')
  @ApiOperation({ summary: 'An order with its sub-orders and shipments (partners: their sellers’ only, buyer phone masked).' })
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
}
