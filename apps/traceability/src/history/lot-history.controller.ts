import { MessagePattern, Payload } from '@nestjs/microservices';
import { TraceabilityRpc, type LotEventView, type Page, type PageRequest, type RpcRequest, type VerificationView } from '@app/contracts';
import { RpcController } from '@app/platform';
import { LotHistoryService } from './lot-history.service';

@RpcController()
export class LotHistoryController {
  constructor(private readonly history: LotHistoryService) {}

  @MessagePattern(TraceabilityRpc.listLotEvents)
  list(@Payload() r: RpcRequest<{ lotId: string } & PageRequest>): Promise<Page<LotEventView>> {
    const { lotId, ...page } = r.payload;
    return this.history.list(r.caller, lotId, page);
  }

  @MessagePattern(TraceabilityRpc.exportEpcis)
  exportEpcis(@Payload() r: RpcRequest<{ lotId: string }>): Promise<Record<string, unknown>> {
    return this.history.exportEpcis(r.caller, r.payload.lotId);
  }

  @MessagePattern(TraceabilityRpc.verifyLot)
  verify(@Payload() r: RpcRequest<{ lotId: string }>): Promise<VerificationView> {
    return this.history.verify(r.payload.lotId);
  }
}
