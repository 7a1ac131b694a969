import { MessagePattern, Payload } from '@nestjs/microservices';
import { TraceabilityRpc, type CreateLotRequest, type LotView, type Page, type PageRequest, type RpcRequest } from '@app/contracts';
import { RpcController } from '@app/platform';
import { LotsService } from './lots.service';

@RpcController()
export class LotsController {
  constructor(private readonly lots: LotsService) {}

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
}
