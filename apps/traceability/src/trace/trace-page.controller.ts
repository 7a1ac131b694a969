import { MessagePattern, Payload } from '@nestjs/microservices';
import { TraceabilityRpc, type RpcRequest, type TracePageView } from '@app/contracts';
import { RpcController } from '@app/platform';
import { TracePageService } from './trace-page.service';

@RpcController()
export class TracePageController {
  constructor(private readonly pages: TracePageService) {}

  @MessagePattern(TraceabilityRpc.tracePage)
  page(@Payload() r: RpcRequest<{ traceCode: string }>): Promise<TracePageView> {
    return this.pages.page(r.payload.traceCode);
  }
}
