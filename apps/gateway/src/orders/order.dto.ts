import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { DeliveryAddress, OrderItemRequest, PlaceOrderRequest, QuoteRequest } from '@app/contracts';

export class OrderItemDto implements OrderItemRequest {
  @ApiProperty({ description: 'A product id from GET /v1/products.' })
  @IsString()
  @MaxLength(64)
  productId: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  quantity: number;
}

export class DeliveryAddressDto implements DeliveryAddress {
  @ApiProperty({ example: '79', description: '2025 province code.' })
  @IsString()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a 2-digit 2025 province code' })
  provinceCode: string;

  @ApiProperty({ example: '26734', description: '2025 ward code within the province.' })
  @IsString()
  @Matches(/^\d{5}$/, { message: 'wardCode must be a 5-digit 2025 ward code' })
  wardCode: string;

  @ApiProperty({ example: '12 Nguyễn Huệ' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  line: string;
}

export class BuyerDto {
  @ApiProperty({ example: 'Trần Thị Mai' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '0987 654 321' })
  @IsString()
  @MaxLength(30)
  phone: string;
}

const SERVICES = ['standard', 'express'] as const;

export class QuoteDto implements QuoteRequest {
  @ApiProperty({ type: [OrderItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items: OrderItemDto[];

  @ApiProperty({ type: DeliveryAddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
  address: DeliveryAddressDto;

  @ApiPropertyOptional({ enum: SERVICES, default: 'standard' })
  @IsOptional()
  @IsIn(SERVICES)
  service?: 'standard' | 'express';
}

export class PlaceOrderDto extends QuoteDto implements PlaceOrderRequest {
  @ApiProperty({ type: BuyerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BuyerDto)
  buyer: BuyerDto;

  @ApiProperty({ enum: ['cod'], description: 'Cash on delivery: the postman collects items and shipping.' })
  @IsIn(['cod'])
  paymentMethod: 'cod';

  @ApiPropertyOptional({ example: 'VTP', description: 'Carrier for the parcels; default: the platform’s.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'carrierCode must be 2–20 upper-case letters, digits or _' })
  carrierCode?: string;

  @ApiPropertyOptional({ example: 'Gọi trước khi giao' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'Khách đổi ý' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
