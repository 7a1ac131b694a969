import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogRpc, type CategoryNode, type RpcRequest } from '@app/contracts';
import { RpcController } from '@app/platform';
import { CategoriesService } from './categories.service';

@RpcController()
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @MessagePattern(CatalogRpc.listCategories)
  list(@Payload() _request: RpcRequest<Record<string, never>>): Promise<CategoryNode[]> {
    return this.categories.tree();
  }
}
