import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { SettlementRpc } from '@app/contracts';
import { Ctx, type GatewayRequest, type RequestContext } from '../http/request-context';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { PutBankAccountDto, SellerBalanceDto, SellerBankAccountDto, SellerStatementDto, StatementQueryDto } from './seller-money.dto';
import { statementCsv } from './statement-csv';

/** A seller's money: balance, ledger statement, bank account for payouts (served by settlement). */
@ApiTags('settlement')
@Controller('v1/sellers')
export class SellerMoneyController {
  constructor(private readonly services: ServiceClient) {}

  @Get(':id/balance')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'A seller’s balances: pending (awaiting remittance), available, in payout, paid.' })
  @ApiOkResponse({ type: SellerBalanceDto })
  @ApiProblems(404)
  balance(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<SellerBalanceDto> {
    return this.services.call(SettlementRpc.getBalance, ctx.caller, ctx.requestId, { sellerId: id });
  }

  @Get(':id/statement')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'A seller’s ledger lines over a period, as JSON or CSV (UTF-8 with BOM, Vietnamese headers available).' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SellerStatementDto })
  @ApiProblems(404, 422)
  async statement(
    @Param('id') id: string,
    @Query() q: StatementQueryDto,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) res: Response,
    @Ctx() ctx: RequestContext,
  ): Promise<SellerStatementDto | string> {
    const s = await this.services.call(SettlementRpc.getStatement, ctx.caller, ctx.requestId, {
      sellerId: id,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
    });
    const wantsCsv = q.format === 'csv' || (q.format === undefined && (req.headers.accept ?? '').includes('text/csv'));
    if (!wantsCsv) return s;
    const lang = q.lang ?? ((req.headers['accept-language'] ?? '').toLowerCase().startsWith('vi') ? 'vi' : 'en');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="statement-${id}-${s.from}-${s.to}.csv"`);
    return statementCsv(s, lang);
  }

  @Put(':id/bank-account')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'Record the bank account a seller is paid to (payout bank file and VietQR).' })
  @ApiOkResponse({ type: SellerBankAccountDto })
  @ApiProblems(400, 404, 413, 422)
  putBankAccount(@Param('id') id: string, @Body() body: PutBankAccountDto, @Ctx() ctx: RequestContext): Promise<SellerBankAccountDto> {
    return this.services.call(SettlementRpc.putBankAccount, ctx.caller, ctx.requestId, { ...body, sellerId: id });
  }
}
