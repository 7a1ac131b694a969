import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

const MAX_VND = 1_000_000_000_000_000;
const PRINTABLE = /^[\x21-\x7e]+$/;

export class RemittanceLineDto {
  @ApiProperty({ example: 'VTP2601281234567', description: 'The carrier’s waybill number.' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  trackingCode: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Our shipment id, if the carrier knows it (may be empty).' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  shipmentId?: string | null;

  @ApiProperty({ example: 230000 }) @IsInt() @Min(0) @Max(MAX_VND) codCollectedVnd: number;
  @ApiProperty({ example: 30000 }) @IsInt() @Min(0) @Max(MAX_VND) shippingFeeVnd: number;
  @ApiProperty({ example: 2000 }) @IsInt() @Min(0) @Max(MAX_VND) codFeeVnd: number;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) @Max(MAX_VND) returnFeeVnd: number;

  @ApiProperty({ example: 198000, description: 'codCollectedVnd − the three fees (negative for a return-fee line).' })
  @IsInt()
  @Min(-MAX_VND)
  @Max(MAX_VND)
  netRemittedVnd: number;

  @ApiPropertyOptional({ example: '2026-02-14T09:30:00+07:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deliveredAt?: string;
}

/** A remittance statement as JSON (CSV: the same fields, the batch fields in the query). */
export class RemittanceUploadDto {
  @ApiProperty({ example: 'VTP-2026-02-14-01', description: 'The carrier’s statement id: the same id again is a replay.' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'batchId must be printable ASCII without spaces' })
  batchId: string;

  @ApiProperty({ example: 'FT26045123456789', description: 'Reference of the bank transfer paying this statement.' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  bankTransferRef: string;

  @ApiProperty({ example: 198000, description: 'What the bank transfer paid, integer đồng.' })
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  totalTransferredVnd: number;

  @ApiProperty({ type: [RemittanceLineDto], description: 'Up to 5,000 lines (and the 1 MB body limit) as JSON; larger statements as CSV.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => RemittanceLineDto)
  lines: RemittanceLineDto[];
}

/** The batch fields of a CSV upload. */
export class RemittanceQueryDto {
  @ApiPropertyOptional({ description: 'CSV uploads: the statement id.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(PRINTABLE, { message: 'batchId must be printable ASCII without spaces' })
  batchId?: string;

  @ApiPropertyOptional({ description: 'CSV uploads: the bank transfer reference.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  bankTransferRef?: string;

  @ApiPropertyOptional({ description: 'CSV uploads: what the bank transfer paid.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  totalTransferredVnd?: number;
}
