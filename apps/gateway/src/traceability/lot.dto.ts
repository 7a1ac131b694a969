import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ListQueryDto } from '../http/list-query.dto';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { CreateLotRequest, LotArea, LotView } from '@app/contracts';
import { IsDecimal } from '../http/validation';
import { CertificationDto } from '../products/product.dto';

export class LotAreaDto implements LotArea {
  @ApiPropertyOptional({ example: 'Thửa 12, cánh đồng Đồng Vành', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  plot?: string;

  @ApiPropertyOptional({ example: 5000, description: 'Cultivated area, m².' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100_000_000)
  areaM2?: number;

  @ApiPropertyOptional({ example: '07465', description: '2025 ward code of the plot; default: the seller’s ward.' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'wardCode must be a 5-digit 2025 ward code' })
  wardCode?: string;
}

export class CreateLotDto implements CreateLotRequest {
  @ApiProperty({ description: 'One of the partner’s sellers.' }) @IsString() @MaxLength(64) sellerId: string;

  @ApiProperty({ example: 'Vải thiều Lục Ngạn', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  productName: string;

  @ApiPropertyOptional({ example: '2026-06-15', description: 'YYYY-MM-DD.' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'harvestDate must be a date (YYYY-MM-DD)' })
  harvestDate?: string;

  @ApiPropertyOptional({ type: LotAreaDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LotAreaDto)
  area?: LotAreaDto;

  @ApiPropertyOptional({ example: 1200, description: 'Harvested quantity, in `unit`.' })
  @IsOptional()
  @IsDecimal(3)
  @Min(0)
  @Max(1_000_000_000)
  quantity?: number;

  @ApiPropertyOptional({ example: 'kg' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  unit?: string;

  @ApiPropertyOptional({ type: [CertificationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];

  @ApiPropertyOptional({ example: '08934563138011', description: 'The seller’s own GTIN; without it the platform issues one.' })
  @IsOptional()
  @Matches(/^(\d{8}|\d{12,14})$/, { message: 'gtin must be 8, 12, 13 or 14 digits' })
  gtin?: string;
}

export class LotDto implements LotView {
  @ApiProperty() id: string;
  @ApiProperty() sellerId: string;
  @ApiProperty({ example: 'Vải thiều Lục Ngạn' }) productName: string;
  @ApiProperty({ example: '7K3M9XQZ', description: '8 characters, Crockford base32; printed under the QR code.' }) traceCode: string;
  @ApiProperty({ example: 'https://id.gs1.org/01/09520000000420/10/7K3M9XQZ', description: 'GS1 lot-level class id (LGTIN).' })
  epcClass: string;
  @ApiProperty({ example: '09520000000420' }) gtin: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-06-15' }) harvestDate: string | null;
  @ApiProperty({ type: LotAreaDto, nullable: true }) area: LotAreaDto | null;
  @ApiProperty({ type: Number, nullable: true }) quantity: number | null;
  @ApiProperty({ type: String, nullable: true }) unit: string | null;
  @ApiProperty({ type: [CertificationDto] }) certifications: CertificationDto[];
  @ApiProperty({ description: 'Entries in the lot’s hash chain.' }) eventCount: number;
  @ApiProperty({ example: '2026-06-15T08:00:00+07:00' }) createdAt: string;
  @ApiProperty({ example: 'http://localhost:3000/t/7K3M9XQZ', description: 'The public page the QR code points at.' }) traceUrl: string;
}

export class LotListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only this seller’s lots.' })
  @IsOptional()
  @IsUUID()
  sellerId?: string;
}

export class LotPageDto {
  @ApiProperty({ type: [LotDto] }) items: LotDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
