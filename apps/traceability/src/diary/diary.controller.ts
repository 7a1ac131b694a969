import { MessagePattern, Payload } from '@nestjs/microservices';
import { TraceabilityRpc, type LotEventView, type RecordFarmEventRequest, type RpcRequest } from '@app/contracts';
import { RpcController } from '@app/platform';
import { DiaryService } from './diary.service';

@RpcController()
export class DiaryController {
  constructor(private readonly diary: DiaryService) {}

  @MessagePattern(TraceabilityRpc.recordFarmEvent)
  record(@Payload() r: RpcRequest<RecordFarmEventRequest>): Promise<LotEventView> {
    return this.diary.record(r.caller, r.payload);
  }
}
