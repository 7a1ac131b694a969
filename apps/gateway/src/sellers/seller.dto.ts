import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  OrderAcceptanceModes,
  SellerKinds,
  type LegacyAddress,
  type OrderAcceptance,
  type RegisterSellerRequest,
  type SellerKind,
  type SellerView,
} from '@app/contracts';
import { IsOptionalNotNull } from '../http/validation';

export class LegacyAddressDto implements LegacyAddress {
  @ApiPropertyOptional({ example: '24', description: 'Pre-2025 province code.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  provinceCode?: string;

  @ApiPropertyOptional({ example: '219', description: 'Pre-2025 district code (districts no longer exist).' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  districtCode?: string;

  @ApiPropertyOptional({ example: '07465' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  wardCode?: string;

  @ApiPropertyOptional({ example: 'Bắc Giang' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  provinceName?: string;

  @ApiPropertyOptional({ example: 'Huyện Lục Ngạn' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  districtName?: string;

  @ApiPropertyOptional({ example: 'Xã Phượng Sơn' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  wardName?: string;
}

export class SellerAddressDto {
  @ApiProperty({ example: '24', description: '2025 province code (34 provinces).', pattern: '^\\d{2}$' })
  @IsString()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a 2-digit 2025 province code' })
  provinceCode: string;

  @ApiProperty({ example: '07465', description: '2025 ward/commune code, within the province.', pattern: '^\\d{5}$' })
  @IsString()
  @Matches(/^\d{5}$/, { message: 'wardCode must be a 5-digit 2025 ward code' })
  wardCode: string;

  @ApiProperty({ example: 'Thôn Đồng Vành', maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  line: string;

  @ApiPropertyOptional({ type: LegacyAddressDto, description: 'The three-level (pre-July-2025) address, kept as given.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LegacyAddressDto)
  legacy?: LegacyAddressDto;
}

export class RegisterSellerDto implements RegisterSellerRequest {
  @ApiProperty({ example: 'Hộ ông Nguyễn Văn Thắng', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: SellerKinds, example: 'household' })
  @IsIn(SellerKinds)
  kind: SellerKind;

  @ApiProperty({ example: '0912 345 678', description: 'Vietnamese number; stored as +84….' })
  @IsString()
  @MaxLength(30)
  phone: string;

  @ApiProperty({ type: SellerAddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SellerAddressDto)
  address: SellerAddressDto;

  @ApiPropertyOptional({
    enum: OrderAcceptanceModes,
    default: 'manual',
    description:
      '`manual`: the seller accepts or declines each order within the deadline (24 h); `auto`: orders go to the carrier at once.',
  })
  @IsOptional()
  @IsIn(OrderAcceptanceModes)
  orderAcceptance?: OrderAcceptance;
}

/** What a partner may change of its seller; at least one field. */
export class UpdateSellerDto {
  @ApiPropertyOptional({ enum: OrderAcceptanceModes })
  @IsOptionalNotNull()
  @IsIn(OrderAcceptanceModes)
  orderAcceptance?: OrderAcceptance;

  @ApiPropertyOptional({ example: '0912 345 678' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @ApiPropertyOptional({ type: SellerAddressDto, description: 'The pickup address carriers come to.' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SellerAddressDto)
  address?: SellerAddressDto;
}

class SellerAddressViewDto {
  @ApiProperty({ example: '24' }) provinceCode: string;
  @ApiProperty({ example: 'Tỉnh Bắc Ninh' }) provinceName: string;
  @ApiProperty({ example: '07465' }) wardCode: string;
  @ApiProperty({ example: 'Xã Lục Ngạn' }) wardName: string;
  @ApiProperty({ example: 'Thôn Đồng Vành' }) line: string;
  @ApiPropertyOptional({ type: LegacyAddressDto }) legacy?: LegacyAddressDto;
}

export class SellerDto implements SellerView {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The partner that registered the seller.' }) partnerId: string;
  @ApiProperty({ example: 'Hộ ông Nguyễn Văn Thắng' }) name: string;
  @ApiProperty({ enum: SellerKinds }) kind: SellerKind;
  @ApiProperty({ example: '+84912345678' }) phone: string;
  @ApiProperty({ type: SellerAddressViewDto }) address: SellerAddressViewDto;
  @ApiProperty({ enum: ['active', 'suspended'] }) status: 'active' | 'suspended';
  @ApiProperty({ enum: OrderAcceptanceModes }) orderAcceptance: OrderAcceptance;
  @ApiProperty({ example: '2026-11-23T22:05:00+07:00' }) createdAt: string;
}

export class SellerPageDto {
  @ApiProperty({ type: [SellerDto] }) items: SellerDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
