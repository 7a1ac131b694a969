import { MessagePattern, Payload } from '@nestjs/microservices';
import { SettlementRpc, type RpcRequest, type TrialBalance, type TrialBalanceRequest } from '@app/contracts';
import { RpcController } from '@app/platform';
import { assertAdmin } from '../admin-only';
import { LedgerService } from './ledger.service';

@RpcController()
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @MessagePattern(SettlementRpc.trialBalance)
  trialBalance(@Payload() r: RpcRequest<TrialBalanceRequest>): Promise<TrialBalance> {
    assertAdmin(r.caller);
    return this.ledger.trialBalance(r.payload);
  }
}
