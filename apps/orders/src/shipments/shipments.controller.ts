import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  OrdersRpc,
  type CarrierWebhookRequest,
  type Page,
  type RpcRequest,
  type ShipmentReport,
  type ShipmentReportResult,
  type ShipmentStatus,
  type ShipmentView,
} from '@app/contracts';
import { RpcController } from '@app/platform';
import { ShipmentsService } from './shipments.service';

@RpcController()
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @MessagePattern(OrdersRpc.listShipments)
  list(@Payload() r: RpcRequest<{ status?: ShipmentStatus; limit: number; cursor?: string }>): Promise<Page<ShipmentView>> {
    return this.shipments.list(r.caller, r.payload.status, r.payload.limit, r.payload.cursor);
  }

  @MessagePattern(OrdersRpc.reportShipment)
  report(@Payload() r: RpcRequest<ShipmentReport>): Promise<ShipmentReportResult> {
    return this.shipments.report(r.caller, r.payload);
  }

  @MessagePattern(OrdersRpc.carrierWebhook)
  webhook(@Payload() r: RpcRequest<CarrierWebhookRequest>): Promise<ShipmentReportResult> {
    return this.shipments.webhook(r.caller, r.payload);
  }
}
