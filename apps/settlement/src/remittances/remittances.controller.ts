import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  SettlementRpc,
  type BeginRemittanceRequest,
  type CompleteRemittanceRequest,
  type ListRemittancesRequest,
  type Page,
  type RemittanceAccepted,
  type RemittanceSummaryView,
  type RemittanceView,
  type RpcRequest,
  type StageRemittanceChunkRequest,
} from '@app/contracts';
import { RpcController } from '@app/platform';
import { RemittanceIntakeService } from './remittance-intake.service';

@RpcController()
export class RemittancesController {
  constructor(private readonly intake: RemittanceIntakeService) {}

  @MessagePattern(SettlementRpc.beginRemittance)
  begin(@Payload() r: RpcRequest<BeginRemittanceRequest>): Promise<{ uploadId: string }> {
    return this.intake.begin(r.caller, r.payload);
  }

  @MessagePattern(SettlementRpc.stageRemittanceChunk)
  stage(@Payload() r: RpcRequest<StageRemittanceChunkRequest>): Promise<{ staged: number; errors: number }> {
    return this.intake.stage(r.caller, r.payload);
  }

  @MessagePattern(SettlementRpc.completeRemittance)
  complete(@Payload() r: RpcRequest<CompleteRemittanceRequest>): Promise<RemittanceAccepted> {
    return this.intake.complete(r.caller, r.payload);
  }

  @MessagePattern(SettlementRpc.listRemittances)
  list(@Payload() r: RpcRequest<ListRemittancesRequest>): Promise<Page<RemittanceSummaryView>> {
    return this.intake.list(r.caller, r.payload);
  }

  @MessagePattern(SettlementRpc.getRemittance)
  get(@Payload() r: RpcRequest<{ id: string }>): Promise<RemittanceView> {
    return this.intake.get(r.caller, r.payload.id);
  }
}
