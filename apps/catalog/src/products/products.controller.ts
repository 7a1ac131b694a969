import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CatalogRpc,
  type CreateProductRequest,
  type Page,
  type ProductView,
  type RpcRequest,
  type SearchProductsRequest,
  type UpdateProductRequest,
} from '@app/contracts';
import { RpcController, type SerializedReply } from '@app/platform';
import { ProductSearchService } from './product-search.service';
import { ProductsService } from './products.service';

@RpcController()
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly search: ProductSearchService,
  ) {}

  @MessagePattern(CatalogRpc.createProduct)
  create(@Payload() r: RpcRequest<CreateProductRequest>): Promise<ProductView> {
    return this.products.create(r.caller, r.payload, r.operation);
  }

  @MessagePattern(CatalogRpc.updateProduct)
  update(@Payload() r: RpcRequest<UpdateProductRequest>): Promise<ProductView> {
    return this.products.update(r.caller, r.payload);
  }

  @MessagePattern(CatalogRpc.getProduct)
  get(@Payload() r: RpcRequest<{ id: string }>): Promise<ProductView> {
    return this.products.get(r.caller, r.payload.id);
  }

  @MessagePattern(CatalogRpc.searchProducts)
  find(@Payload() r: RpcRequest<SearchProductsRequest>): Promise<Page<ProductView> | SerializedReply<Page<ProductView>>> {
    return this.search.reply(r.caller, r.payload);
  }
}
