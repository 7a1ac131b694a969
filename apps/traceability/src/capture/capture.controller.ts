import { MessagePattern, Payload } from '@nestjs/microservices';
import { TraceabilityRpc, type CaptureEpcisRequest, type CaptureView, type RpcRequest } from '@app/contracts';
import { RpcController } from '@app/platform';
import { CaptureService } from './capture.service';

@RpcController()
export class CaptureController {
  constructor(private readonly captures: CaptureService) {}

  @MessagePattern(TraceabilityRpc.captureEpcis)
  capture(@Payload() r: RpcRequest<CaptureEpcisRequest>): Promise<CaptureView> {
    return this.captures.capture(r.caller, r.payload.document);
  }

  @MessagePattern(TraceabilityRpc.getCapture)
  get(@Payload() r: RpcRequest<{ id: string }>): Promise<CaptureView> {
    return this.captures.get(r.caller, r.payload.id);
  }
}
