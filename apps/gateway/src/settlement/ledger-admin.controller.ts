import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DEFAULT_TRIAL_BALANCE_PAGE, SettlementRpc, type DailyReport } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { DailyReportDto, DailyReportQueryDto, TrialBalanceDto, TrialBalanceQueryDto } from './ledger-report.dto';

@ApiTags('settlement')
@Roles('admin')
@Controller('v1/admin')
export class LedgerAdminController {
  constructor(private readonly services: ServiceClient) {}

  @Get('ledger/trial-balance')
  @ApiOperation({
    summary: 'Every ledger account’s totals and balance, a page at a time; total debits always equal total credits.',
    description:
      'Accounts in code order, `limit` per page (up to 1,000) after `cursor`, optionally only codes starting with `prefix`. ' +
      '`totalDebitsVnd`, `totalCreditsVnd`, `accountCount` and `balanced` cover the whole ledger on every page.',
  })
  @ApiOkResponse({ type: TrialBalanceDto })
  @ApiProblems(422)
  trialBalance(@Query() q: TrialBalanceQueryDto, @Ctx() ctx: RequestContext): Promise<TrialBalanceDto> {
    return this.services.call(SettlementRpc.trialBalance, ctx.caller, ctx.requestId, {
      limit: q.limit ?? DEFAULT_TRIAL_BALANCE_PAGE,
      ...(q.cursor ? { cursor: q.cursor } : {}),
      ...(q.prefix ? { prefix: q.prefix } : {}),
    });
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
