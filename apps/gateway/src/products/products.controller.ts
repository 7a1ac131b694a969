import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogRpc } from '@app/contracts';
import { pageRequest } from '../http/list-query.dto';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { AnyRole, Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { withTraceUrl } from './with-trace-url';
import { CreateProductDto, ProductDto, ProductPageDto, UpdateProductDto } from './product.dto';
import { SearchProductsQueryDto } from './search-query.dto';

@ApiTags('products')
@Controller('v1/products')
export class ProductsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @Roles('partner')
  @Idempotent()
  @ApiOperation({ summary: 'List a product for one of the partner’s sellers.' })
  @ApiCreatedResponse({ type: ProductDto })
  @ApiProblems(400, 404, 409, 413, 422)
  async create(@Body() body: CreateProductDto, @Ctx() ctx: RequestContext): Promise<ProductDto> {
    return withTraceUrl(await this.services.call(CatalogRpc.createProduct, ctx.caller, ctx.requestId, body, ctx.operation));
  }

  @Patch(':id')
  @Roles('partner')
  @ApiOperation({ summary: 'Change price, stock, description or status (draft | active | paused).' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 404, 413, 422)
  async update(@Param('id') id: string, @Body() body: UpdateProductDto, @Ctx() ctx: RequestContext): Promise<ProductDto> {
    return withTraceUrl(await this.services.call(CatalogRpc.updateProduct, ctx.caller, ctx.requestId, { ...body, id }));
  }

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'Search the catalog: accent-insensitive, typo-tolerant, with filters.',
    description: 'Storefronts and carriers see products on sale; partners their own in any status; admins everything.',
  })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(422)
  async search(@Query() query: SearchProductsQueryDto, @Ctx() ctx: RequestContext): Promise<ProductPageDto> {
    const { limit: _l, cursor: _c, ...filters } = query;
    const page = await this.services.call(CatalogRpc.searchProducts, ctx.caller, ctx.requestId, { ...filters, ...pageRequest(query) });
    return { ...page, items: page.items.map(withTraceUrl) };
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A product.' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(404)
  async get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<ProductDto> {
    return withTraceUrl(await this.services.call(CatalogRpc.getProduct, ctx.caller, ctx.requestId, { id }));
  }
}
