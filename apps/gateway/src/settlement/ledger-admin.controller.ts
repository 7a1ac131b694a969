import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SettlementRpc, type DailyReport } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { DailyReportDto, DailyReportQueryDto, TrialBalanceDto } from './ledger-report.dto';

@ApiTags('settlement')
@Roles('admin')
@Controller('v1/admin')
export class LedgerAdminController {
  constructor(private readonly services: ServiceClient) {}

  @Get('ledger/trial-balance')
  @ApiOperation({ summary: 'Every ledger account’s totals and balance; total debits always equal total credits.' })
  @ApiOkResponse({ type: TrialBalanceDto })
  trialBalance(@Ctx() ctx: RequestContext): Promise<TrialBalanceDto> {
    return this.services.call(SettlementRpc.trialBalance, ctx.caller, ctx.requestId, {});
  }

  @Get('reports/daily')
  @ApiOperation({
    summary:
      'Operator report for a day: orders placed, delivered, returned; COD collected, remitted, outstanding per carrier and province.',
  })
  @ApiOkResponse({ type: DailyReportDto })
  @ApiProblems(422)
  daily(@Query() q: DailyReportQueryDto, @Ctx() ctx: RequestContext): Promise<DailyReport> {
    return this.services.call(SettlementRpc.dailyReport, ctx.caller, ctx.requestId, { date: q.date });
  }
}
