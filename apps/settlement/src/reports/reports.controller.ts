import { MessagePattern, Payload } from '@nestjs/microservices';
import { SettlementRpc, type DailyReport, type RpcRequest } from '@app/contracts';
import { RpcController } from '@app/platform';
import { assertAdmin } from '../admin-only';
import { ReportsService } from './reports.service';

@RpcController()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @MessagePattern(SettlementRpc.dailyReport)
  daily(@Payload() r: RpcRequest<{ date: string }>): Promise<DailyReport> {
    assertAdmin(r.caller);
    return this.reports.daily(r.payload.date);
  }
}
