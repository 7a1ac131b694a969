import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrdersRpc } from '@app/contracts';
import { pageRequest } from '../http/list-query.dto';
import { Ctx, type RequestContext } from '../http/request-context';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { ShipmentEventDto, ShipmentPageDto, ShipmentReportResultDto, ShipmentsQueryDto } from './shipment.dto';

@ApiTags('shipments')
@Controller('v1')
export class ShipmentsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('shipments')
  @Roles('carrier')
  @ApiOperation({ summary: 'The calling carrier’s shipments, newest first, optionally by status.' })
  @ApiOkResponse({ type: ShipmentPageDto })
  @ApiProblems(422)
  list(@Query() query: ShipmentsQueryDto, @Ctx() ctx: RequestContext): Promise<ShipmentPageDto> {
    return this.services.call(OrdersRpc.listShipments, ctx.caller, ctx.requestId, {
      ...(query.status ? { status: query.status } : {}),
      ...pageRequest(query),
    });
  }

  @Post('shipments/:id/events')
  @HttpCode(200)
  @Roles('carrier')
  @ApiOperation({
    summary: 'Report a shipment status (picked_up with the waybill number, …, delivered with the COD collected).',
    description:
      'Carriers skip scans, so a report moves the shipment to any status its parcel can still reach, the scans in between ' +
      'skipped: `requested` → `delivered` is applied (the order goes through `shipping` to `delivered`; tracking lists the ' +
      'reported scans only), as is `out_for_delivery` → `returned`. Duplicates and late reports of a status already passed ' +
      '(e.g. `in_transit` after `delivered`) change nothing (200, `applied: false`). 409 `illegal_transition` only for a parcel ' +
      'on its way back (`returning`) reported `delivered`.',
  })
  @ApiOkResponse({ type: ShipmentReportResultDto })
  @ApiProblems(404, 409, 422)
  report(@Param('id') id: string, @Body() body: ShipmentEventDto, @Ctx() ctx: RequestContext): Promise<ShipmentReportResultDto> {
    return this.services.call(OrdersRpc.reportShipment, ctx.caller, ctx.requestId, { ...body, shipmentId: id, source: 'api' });
  }

  @Post('carriers/:carrierCode/webhook')
  @HttpCode(200)
  @Roles('carrier')
  @ApiOperation({
    summary:
      'A carrier’s native status webhook (Viettel Post `VTP`: `{ DATA, TOKEN }`; Vietnam Post `VNPOST`: its JSON with a `Token` header).',
    description: 'The carrier’s own status code is kept next to ours; unknown codes are recorded and change nothing.',
  })
  @ApiHeader({ name: 'Token', required: false, description: 'Vietnam Post: the webhook secret.' })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: true,
      example: {
        DATA: {
          ORDER_NUMBER: '1804512345678',
          ORDER_REFERENCE: '…shipment id…',
          ORDER_STATUSDATE: '28/01/2026 15:30:00',
          ORDER_STATUS: 501,
          MONEY_COLLECTION: 167000,
        },
        TOKEN: '…',
      },
    },
  })
  @ApiOkResponse({ type: ShipmentReportResultDto })
  @ApiProblems(400, 404, 409, 422)
  webhook(
    @Param('carrierCode') carrierCode: string,
    @Body() body: unknown,
    @Headers('token') token: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ShipmentReportResultDto> {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new BadRequestException('The webhook body must be a JSON object.');
    return this.services.call(OrdersRpc.carrierWebhook, ctx.caller, ctx.requestId, {
      carrierCode,
      body: body as Record<string, unknown>,
      secret: token ?? null,
    });
  }
}
