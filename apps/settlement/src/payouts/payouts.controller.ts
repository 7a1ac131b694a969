import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  SettlementRpc,
  type CreatePayoutRequest,
  type Page,
  type PageRequest,
  type PayoutBatchView,
  type PayoutSummaryView,
  type RpcRequest,
} from '@app/contracts';
import { RpcController } from '@app/platform';
import { assertAdmin } from '../admin-only';
import { PayoutsService } from './payouts.service';

@RpcController()
export class PayoutsController {
  constructor(private readonly payouts: PayoutsService) {}

  @MessagePattern(SettlementRpc.createPayout)
  create(@Payload() r: RpcRequest<CreatePayoutRequest>): Promise<PayoutBatchView> {
    assertAdmin(r.caller);
    return this.payouts.create(r.payload);
  }

  @MessagePattern(SettlementRpc.listPayouts)
  list(@Payload() r: RpcRequest<PageRequest>): Promise<Page<PayoutSummaryView>> {
    assertAdmin(r.caller);
    return this.payouts.list(r.payload);
  }

  @MessagePattern(SettlementRpc.getPayout)
  get(@Payload() r: RpcRequest<{ id: string }>): Promise<PayoutBatchView> {
    assertAdmin(r.caller);
    return this.payouts.get(r.payload.id);
  }

  @MessagePattern(SettlementRpc.markPayoutPaid)
  markPaid(@Payload() r: RpcRequest<{ id: string }>): Promise<PayoutBatchView> {
    assertAdmin(r.caller);
    return this.payouts.markPaid(r.payload.id);
  }
}
