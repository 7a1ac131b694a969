import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ListQueryDto, pageRequest } from '../http/list-query.dto';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SettlementRpc } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { CreatePayoutDto, PayoutBatchDto, PayoutPageDto } from './payout.dto';
import { payoutBankFile } from './payout-bank-file';

@ApiTags('settlement')
@Roles('admin')
@Controller('v1/payouts')
export class PayoutsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Pay out every available seller balance at or above a minimum: a payout batch with a VietQR per seller.' })
  @ApiCreatedResponse({ type: PayoutBatchDto })
  @ApiProblems(400, 409, 413, 422)
  create(@Body() body: CreatePayoutDto, @Ctx() ctx: RequestContext): Promise<PayoutBatchDto> {
    return this.services.call(SettlementRpc.createPayout, ctx.caller, ctx.requestId, body);
  }

  @Get()
  @ApiOperation({ summary: 'Payout batches, newest first (each with its figures; GET /v1/payouts/{id} for its transfers).' })
  @ApiOkResponse({ type: PayoutPageDto })
  @ApiProblems(422)
  list(@Query() query: ListQueryDto, @Ctx() ctx: RequestContext): Promise<PayoutPageDto> {
    return this.services.call(SettlementRpc.listPayouts, ctx.caller, ctx.requestId, pageRequest(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A payout batch.' })
  @ApiOkResponse({ type: PayoutBatchDto })
  @ApiProblems(404)
  get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<PayoutBatchDto> {
    return this.services.call(SettlementRpc.getPayout, ctx.caller, ctx.requestId, { id });
  }

  @Get(':id/bank-file')
  @ApiOperation({ summary: 'The payout batch’s bank-transfer file (CSV, UTF-8 with BOM).' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV: reference, sellerId, sellerName, bankBin, accountNumber, accountName, amountVnd, description.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(404)
  async bankFile(@Param('id') id: string, @Res({ passthrough: true }) res: Response, @Ctx() ctx: RequestContext): Promise<string> {
    const p = await this.services.call(SettlementRpc.getPayout, ctx.caller, ctx.requestId, { id });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="payout-${p.reference}.csv"`);
    return payoutBankFile(p);
  }

  @Post(':id/paid')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a payout batch paid (the transfers were made): balances move to paid.' })
  @ApiOkResponse({ type: PayoutBatchDto })
  @ApiProblems(404, 409)
  markPaid(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<PayoutBatchDto> {
    return this.services.call(SettlementRpc.markPayoutPaid, ctx.caller, ctx.requestId, { id });
  }
}
