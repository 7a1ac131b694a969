import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogRpc } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ServiceClient } from '../rpc/service-client';
import { RegisterSellerDto, SellerDto } from './seller.dto';

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

  @Get(':id')
  @Roles('partner', 'admin')
  @ApiOperation({ summary: 'A seller (partners: only their own).' })
  @ApiOkResponse({ type: SellerDto })
  @ApiProblems(404)
  get(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<SellerDto> {
    return this.services.call(CatalogRpc.getSeller, ctx.caller, ctx.requestId, { id });
  }
}
