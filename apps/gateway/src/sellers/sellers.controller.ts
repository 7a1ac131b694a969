import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ListQueryDto, pageRequest } from '../http/list-query.dto';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogRpc } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { RegisterSellerDto, SellerDto, SellerPageDto, UpdateSellerDto } from './seller.dto';

@ApiTags('sellers')
@Controller('v1/sellers')
export class SellersController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @Roles('partner')
  @Idempotent()
  @ApiOperation({ summary: 'Register a farm household, cooperative or enterprise (2025 province and ward codes).' })
  @ApiCreatedResponse({ type: SellerDto })
  @ApiProblems(400, 409, 413, 422)
  register(@Body() body: RegisterSellerDto, @Ctx() ctx: RequestContext): Promise<SellerDto> {
    return this.services.call(CatalogRpc.registerSeller, ctx.caller, ctx.requestId, body, ctx.operation);
  }

  @Get()
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'The partner’s sellers (an operator: all), newest first.' })
  @ApiOkResponse({ type: SellerPageDto })
  @ApiProblems(422)
  list(@Query() query: ListQueryDto, @Ctx() ctx: RequestContext): Promise<SellerPageDto> {
    return this.services.call(CatalogRpc.listSellers, ctx.caller, ctx.requestId, pageRequest(query));
  }

  @Patch(':id')
  @Roles('partner')
  @ApiOperation({
    summary: 'Change how the seller takes orders (`orderAcceptance`), its phone or its pickup address.',
    description: 'Applies to orders placed afterwards; carriers get the new pickup point with the next shipments requested.',
  })
  @ApiOkResponse({ type: SellerDto })
  @ApiProblems(404, 422)
  update(@Param('id') id: string, @Body() body: UpdateSellerDto, @Ctx() ctx: RequestContext): Promise<SellerDto> {
    return this.services.call(CatalogRpc.updateSeller, ctx.caller, ctx.requestId, { ...body, id });
  }

  @Get(':id')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'A seller (partners: only their own).' })
  @ApiOkResponse({ type: SellerDto })
  @ApiProblems(404)
  get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<SellerDto> {
    return this.services.call(CatalogRpc.getSeller, ctx.caller, ctx.requestId, { id });
  }
}
