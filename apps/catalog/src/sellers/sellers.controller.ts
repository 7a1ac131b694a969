import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CatalogRpc,
  type Page,
  type PageRequest,
  type RegisterSellerRequest,
  type RpcRequest,
  type SellerView,
  type UpdateSellerRequest,
} from '@app/contracts';
import { RpcController } from '@app/platform';
import { SellersService } from './sellers.service';

@RpcController()
export class SellersController {
  constructor(private readonly sellers: SellersService) {}

  @MessagePattern(CatalogRpc.registerSeller)
  register(@Payload() r: RpcRequest<RegisterSellerRequest>): Promise<SellerView> {
    return this.sellers.register(r.caller, r.payload, r.operation);
  }

  @MessagePattern(CatalogRpc.listSellers)
  list(@Payload() r: RpcRequest<PageRequest>): Promise<Page<SellerView>> {
    return this.sellers.list(r.caller, r.payload);
  }

  @MessagePattern(CatalogRpc.updateSeller)
  update(@Payload() r: RpcRequest<UpdateSellerRequest>): Promise<SellerView> {
    return this.sellers.update(r.caller, r.payload);
  }

  @MessagePattern(CatalogRpc.getSeller)
  get(@Payload() r: RpcRequest<{ id: string }>): Promise<SellerView> {
    return this.sellers.get(r.caller, r.payload.id);
  }
}
