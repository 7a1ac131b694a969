import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogRpc, type ModerationRequest, type ProductView, type RpcRequest, type SellerView } from '@app/contracts';
import { RpcController } from '@app/platform';
import { ModerationService } from './moderation.service';

@RpcController()
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @MessagePattern(CatalogRpc.moderateSeller)
  seller(@Payload() r: RpcRequest<ModerationRequest>): Promise<SellerView> {
    return this.moderation.moderateSeller(r.caller, r.payload);
  }

  @MessagePattern(CatalogRpc.moderateProduct)
  product(@Payload() r: RpcRequest<ModerationRequest>): Promise<ProductView> {
    return this.moderation.moderateProduct(r.caller, r.payload);
  }
}
