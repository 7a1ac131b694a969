import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogRpc } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { AnyRole } from '../identity/access.decorators';
import { ServiceClient } from '../rpc/service-client';
import { CategoryNodeDto } from './category-node.dto';

@ApiTags('catalog')
@AnyRole()
@Controller('v1/categories')
export class CategoriesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The product category tree (Vietnamese names first, English alongside).' })
  @ApiOkResponse({ type: [CategoryNodeDto] })
  list(@Ctx() ctx: RequestContext): Promise<CategoryNodeDto[]> {
    return this.services.call(CatalogRpc.listCategories, ctx.caller, ctx.requestId, {});
  }
}
