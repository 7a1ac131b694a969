import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { CatalogRpc } from '@app/contracts';
import { Ctx, type RequestContext } from '../http/request-context';
import { Roles } from '../identity/access.decorators';
import { ApiProblems } from '../openapi/problem.dto';
import { ProductDto } from '../products/product.dto';
import { ProductCache } from '../products/product-cache';
import { withTraceUrl } from '../products/with-trace-url';
import { SellerDto } from '../sellers/seller.dto';
import { ServiceClient } from '../rpc/service-client';

export class ModerationDto {
  @ApiProperty({ example: true, description: 'true hides it from storefronts; false shows it again.' })
  @IsBoolean()
  suspended: boolean;

  @ApiPropertyOptional({ example: 'Chứng nhận VietGAP giả mạo' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** Operators moderate listings: a suspended seller or product is hidden whatever its owner sets. */
@ApiTags('admin')
@Roles('admin')
@Controller('v1/admin')
export class ModerationController {
  constructor(
    private readonly services: ServiceClient,
    private readonly products: ProductCache,
  ) {}

  @Post('sellers/:id/suspension')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a seller (all its products leave storefronts) or lift the suspension.' })
  @ApiOkResponse({ type: SellerDto })
  @ApiProblems(404, 422)
  async seller(@Param('id') id: string, @Body() body: ModerationDto, @Ctx() ctx: RequestContext): Promise<SellerDto> {
    const seller = await this.services.call(CatalogRpc.moderateSeller, ctx.caller, ctx.requestId, { id, ...body });
    // Every product of the seller changed visibility; the cache knows products, not sellers.
    this.products.forgetAll();
    return seller;
  }

  @Post('products/:id/suspension')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a product (it leaves storefronts) or lift the suspension.' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(404, 422)
  async product(@Param('id') id: string, @Body() body: ModerationDto, @Ctx() ctx: RequestContext): Promise<ProductDto> {
    const product = withTraceUrl(await this.services.call(CatalogRpc.moderateProduct, ctx.caller, ctx.requestId, { id, ...body }));
    this.products.changed(id.toLowerCase());
    this.products.productChanged();
    return product;
  }
}
