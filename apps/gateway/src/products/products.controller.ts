import { Body, Controller, Get, Header, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogRpc } from '@app/contracts';
import { pageRequest } from '../http/list-query.dto';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { AnyRole, Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { RenderedReplies, ServiceClient } from '../rpc/service-client';
import { ProductCache } from './product-cache';
import { withTraceUrl } from './with-trace-url';
import { CreateProductDto, ProductDto, ProductPageDto, UpdateProductDto } from './product.dto';
import { SearchProductsQueryDto } from './search-query.dto';

/** The request's search, as a key: every query field, in a fixed order. */
function pageKey(query: SearchProductsQueryDto): string {
  const fields = query as unknown as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(fields)
      .sort()
      .map((k) => [k, fields[k]]),
  );
}

@ApiTags('products')
@Controller('v1/products')
export class ProductsController {
  /** Search pages as HTTP bodies, by the version of the catalog's cached page they were made from. */
  private readonly searchPages = new RenderedReplies();

  constructor(
    private readonly services: ServiceClient,
    private readonly products: ProductCache,
  ) {}

  @Post()
  @Roles('partner')
  @Idempotent()
  @ApiOperation({ summary: 'List a product for one of the partner’s sellers.' })
  @ApiCreatedResponse({ type: ProductDto })
  @ApiProblems(400, 404, 409, 413, 422)
  async create(@Body() body: CreateProductDto, @Ctx() ctx: RequestContext): Promise<ProductDto> {
    const created = withTraceUrl(await this.services.call(CatalogRpc.createProduct, ctx.caller, ctx.requestId, body, ctx.operation));
    this.products.productChanged();
    return created;
  }

  @Patch(':id')
  @Roles('partner')
  @ApiOperation({ summary: 'Change price, stock, description or status (draft | active | paused).' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 404, 413, 422)
  async update(@Param('id') id: string, @Body() body: UpdateProductDto, @Ctx() ctx: RequestContext): Promise<ProductDto> {
    const updated = withTraceUrl(await this.services.call(CatalogRpc.updateProduct, ctx.caller, ctx.requestId, { ...body, id }));
    // Buyers reading through this gateway see the change at once, not when its event arrives.
    this.products.changed(id.toLowerCase());
    this.products.productChanged();
    return updated;
  }

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'Search the catalog: accent-insensitive, typo-tolerant, with filters.',
    description: 'Storefronts and carriers see products on sale; partners their own in any status; admins everything.',
  })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(422)
  @Header('Content-Type', 'application/json; charset=utf-8')
  async search(
    @Query() query: SearchProductsQueryDto,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const { limit: _l, cursor: _c, ...filters } = query;
    const ask = () =>
      // A storefront page the catalog answers from its cache comes with a version: the body made
      // for it is reused (no parse, no map, no stringify per request) and names it as its ETag.
      this.services.callRendered(
        CatalogRpc.searchProducts,
        ctx.caller,
        ctx.requestId,
        { ...filters, ...pageRequest(query) },
        this.searchPages,
        (page): ProductPageDto => ({ ...page, items: page.items.map(withTraceUrl) }),
      );
    // Storefronts all see the same pages; this gateway keeps them briefly (ADR 0055).
    const key = ctx.caller.role === 'storefront' ? pageKey(query) : null;
    const kept = key ? this.products.page(key) : undefined;
    const begun = key && !kept ? this.products.beginPage() : null;
    let body: string;
    let etag: string | null;
    if (kept) ({ body, etag } = kept);
    else {
      const answer = await ask();
      body = answer.body;
      etag = answer.version ? `W/"${answer.version}"` : null;
    }
    if (key && begun !== null) this.products.keepPage(key, begun, body, etag);
    if (etag) res.setHeader('ETag', etag);
    return body;
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: 'A product.' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(404)
  @Header('Content-Type', 'application/json; charset=utf-8')
  async get(@Param('id') id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response): Promise<string> {
    const ask = async () =>
      JSON.stringify(withTraceUrl(await this.services.call(CatalogRpc.getProduct, ctx.caller, ctx.requestId, { id })));
    // Partners and operators read their own writes: always the catalog. Storefronts and carriers
    // see what every buyer sees, from the cache the catalog's events keep (ADR 0055).
    if (ctx.caller.role === 'partner' || ctx.caller.role === 'admin') return ask();
    // Events name products by their id as the catalog writes it (lower case); so does the cache.
    const key = id.toLowerCase();
    const cached = this.products.get(key);
    if (cached) {
      res.setHeader('ETag', cached.etag);
      return cached.body;
    }
    const ticket = this.products.begin(key);
    if (!ticket) return ask();
    let body: string;
    try {
      body = await ask();
    } catch (e) {
      this.products.abandon(ticket);
      throw e;
    }
    const filled = this.products.fill(ticket, body);
    res.setHeader('ETag', filled.etag);
    return filled.body;
  }
}
