import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CertificationSchemes,
  ProductStatuses,
  type Certification,
  type CertificationScheme,
  type CreateProductRequest,
  type OcopRating,
  type ProductStatus,
  type ProductView,
} from '@app/contracts';
import { IsOptionalNotNull } from '../http/validation';

/** A single price or a total fits easily; above this is a typo, not a product. */
const MAX_PRICE_VND = 1_000_000_000_000;

export class CertificationDto implements Certification {
  @ApiProperty({ enum: CertificationSchemes, example: 'VietGAP' })
  @IsIn(CertificationSchemes)
  scheme: CertificationScheme;

  @ApiProperty({ example: 'VietGAP-TT-19-05-24-0012' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  certificateNo: string;

  @ApiPropertyOptional({ example: 'Trung tâm Chứng nhận Phù hợp (QUACERT)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  issuer?: string;

  @ApiPropertyOptional({ example: '2025-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validFrom must be a date (YYYY-MM-DD)' })
  validFrom?: string;

  @ApiProperty({ example: '2027-03-01' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validUntil must be a date (YYYY-MM-DD)' })
  validUntil: string;
}

export class CreateProductDto implements CreateProductRequest {
  @ApiProperty() @IsString() @MaxLength(64) sellerId: string;

  @ApiProperty({ example: 'Vải thiều Lục Ngạn loại 1', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Vải thiều chín cây, hái buổi sáng, đóng hộp 2 kg.', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: 'vai-nhan-chom-chom', description: 'From GET /v1/categories.' })
  @IsString()
  @MaxLength(64)
  categoryId: string;

  @ApiProperty({ example: 'kg', description: 'Selling unit: kg, bó, hộp, chai, túi, …' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  unit: string;

  @ApiProperty({ example: 65000, description: 'Integer đồng per unit, > 0.' })
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_VND)
  priceVnd: number;

  @ApiProperty({ example: 500, description: 'Units available, ≥ 0.' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  stock: number;

  @ApiProperty({ example: 1000, description: 'Shipping weight of one unit, grams.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  weightGrams: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, example: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  ocopStars?: number;

  @ApiPropertyOptional({ example: 'OCOP-BG-2025-0142' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ocopCertificateNo?: string;

  @ApiPropertyOptional({ example: '2028-06-30' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'ocopValidUntil must be a date (YYYY-MM-DD)' })
  ocopValidUntil?: string;

  @ApiPropertyOptional({ type: [CertificationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];

  @ApiPropertyOptional({ example: '24', description: 'Where it was grown; default: the seller’s province.' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2}$/, { message: 'originProvinceCode must be a 2-digit 2025 province code' })
  originProvinceCode?: string;

  @ApiPropertyOptional({ type: [String], example: ['https://cdn.example.vn/vai-thieu.jpg'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { each: true })
  images?: string[];

  @ApiPropertyOptional({ description: 'Traceability lot of this product.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  lotId?: string;

  @ApiPropertyOptional({ enum: ProductStatuses, default: 'active' })
  @IsOptional()
  @IsIn(ProductStatuses)
  status?: ProductStatus;
}

/** What a partner may change; a field sent as `null` is refused (422), not stored. */
export class UpdateProductDto {
  @ApiPropertyOptional({ example: 70000 }) @IsOptionalNotNull() @IsInt() @Min(1) @Max(MAX_PRICE_VND) priceVnd?: number;
  @ApiPropertyOptional({ example: 300 }) @IsOptionalNotNull() @IsInt() @Min(0) @Max(10_000_000) stock?: number;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptionalNotNull() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ enum: ProductStatuses }) @IsOptionalNotNull() @IsIn(ProductStatuses) status?: ProductStatus;
}

class OcopDto implements OcopRating {
  @ApiProperty({ minimum: 1, maximum: 5 }) stars: 1 | 2 | 3 | 4 | 5;
  @ApiProperty() certificateNo: string;
  @ApiProperty({ example: '2028-06-30' }) validUntil: string;
}

export class ProductDto implements ProductView {
  @ApiProperty() id: string;
  @ApiProperty() sellerId: string;
  @ApiProperty({ example: 'HTX Nông nghiệp Lục Ngạn' }) sellerName: string;
  @ApiProperty({ example: 'Vải thiều Lục Ngạn loại 1' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: 'vai-nhan-chom-chom' }) categoryId: string;
  @ApiProperty({ example: 'kg' }) unit: string;
  @ApiProperty({ example: 65000 }) priceVnd: number;
  @ApiProperty({ example: 500 }) stock: number;
  @ApiProperty({ example: 1000 }) weightGrams: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Only while the rating is valid.' }) ocopStars: number | null;
  @ApiProperty({ type: OcopDto, nullable: true }) ocop: OcopDto | null;
  @ApiProperty({ type: [CertificationDto], description: 'Only claims valid today.' }) certifications: CertificationDto[];
  @ApiProperty({ example: '24' }) originProvinceCode: string;
  @ApiProperty({ type: [String] }) images: string[];
  @ApiProperty({ type: String, nullable: true }) lotId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'K7M2Q9XA', description: 'The linked lot’s trace code, once known.' }) traceCode:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://nongsan.example.vn/t/K7M2Q9XA',
    description: 'The public trace page of the linked lot (what its QR code opens).',
  })
  traceUrl: string | null;
  @ApiProperty({ enum: ProductStatuses }) status: ProductStatus;
  @ApiProperty({ description: 'Hidden by an operator.' }) suspended: boolean;
  @ApiProperty({ example: '2026-11-23T22:05:00+07:00' }) createdAt: string;
  @ApiProperty({ example: '2026-11-23T22:05:00+07:00' }) updatedAt: string;
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] }) items: ProductDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
