import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  TraceabilityRpc,
  type CreateLotRequest,
  type LotEventView,
  type LotView,
  type Page,
  type PageRequest,
  type RecordFarmEventRequest,
  type RpcRequest,
  type VerificationView,
} from '@app/contracts';
import { RpcController } from '@app/platform';
import { LotHistoryService } from '../chain/lot-history.service';
import { DiaryService } from '../diary/diary.service';
import { LotsService } from './lots.service';

@RpcController()
export class LotsController {
  constructor(
    private readonly lots: LotsService,
    private readonly diary: DiaryService,
    private readonly history: LotHistoryService,
  ) {}

  @MessagePattern(TraceabilityRpc.listLots)
  listLots(@Payload() r: RpcRequest<PageRequest & { sellerId?: string }>): Promise<Page<LotView>> {
    return this.lots.list(r.caller, r.payload);
  }

  @MessagePattern(TraceabilityRpc.createLot)
  create(@Payload() r: RpcRequest<CreateLotRequest>): Promise<LotView> {
    return this.lots.create(r.caller, r.payload);
  }

  @MessagePattern(TraceabilityRpc.getLot)
  get(@Payload() r: RpcRequest<{ id: string }>): Promise<LotView> {
    return this.lots.get(r.caller, r.payload.id);
  }

  @MessagePattern(TraceabilityRpc.recordFarmEvent)
  record(@Payload() r: RpcRequest<RecordFarmEventRequest>): Promise<LotEventView> {
    return this.diary.record(r.caller, r.payload);
  }

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
