import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNumber,
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
import {
  FarmEventKinds,
  type DiaryFlag,
  type FarmEventKind,
  type GeoPoint,
  type LotEventKind,
  type LotEventView,
  type RecordFarmEventRequest,
  type VerificationView,
} from '@app/contracts';
import { IsDecimal } from '../http/validation';
import { CertificationDto } from '../products/product.dto';

export class GeoPointDto implements GeoPoint {
  @ApiProperty({ example: 21.3891 }) @IsLatitude() lat: number;
  @ApiProperty({ example: 106.5926 }) @IsLongitude() lng: number;
}

export class RecordFarmEventDto implements Omit<RecordFarmEventRequest, 'lotId'> {
  @ApiProperty({ enum: FarmEventKinds, example: 'spraying' }) @IsIn(FarmEventKinds) kind: FarmEventKind;

  @ApiProperty({ example: '2026-05-20T06:30:00+07:00', description: 'ISO 8601 with offset.' })
  @IsISO8601({ strict: true })
  @Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must be a date-time with an offset (e.g. +07:00)' })
  occurredAt: string;

  @ApiPropertyOptional({ example: '07465', description: 'Where (2025 ward code); default: the lot’s plot.' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'wardCode must be a 5-digit 2025 ward code' })
  wardCode?: string;

  @ApiPropertyOptional({ type: GeoPointDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => GeoPointDto) gps?: GeoPointDto;

  @ApiProperty({ example: 'Nguyễn Văn Thắng', description: 'Who did or recorded it.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  recordedBy: string;

  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;

  @ApiPropertyOptional({ example: 'Abamectin 3.6EC', description: 'fertilizing / spraying: the product used.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  input?: string;

  @ApiPropertyOptional({ example: 0.5 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  inputAmount?: number;
  @ApiPropertyOptional({ example: 'lít' }) @IsOptional() @IsString() @MaxLength(20) inputUnit?: string;

  @ApiPropertyOptional({ example: 7, description: 'spraying: pre-harvest interval on the label, days.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  preHarvestIntervalDays?: number;

  @ApiPropertyOptional({ example: 1200, description: 'harvesting / packing: quantity in the lot’s unit.' })
  @IsOptional()
  @IsDecimal(3)
  @Min(0)
  @Max(1_000_000_000)
  quantity?: number;

  @ApiPropertyOptional({ enum: ['pass', 'fail'], description: 'inspection: the outcome.' }) @IsOptional() @IsIn(['pass', 'fail']) result?:
    'pass' | 'fail';

  @ApiPropertyOptional({ type: CertificationDto, description: 'certification: the certificate.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CertificationDto)
  certification?: CertificationDto;

  @ApiPropertyOptional({ description: 'Correction: the eventId (ni:///…) of the entry this one replaces.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  correctsEventId?: string;

  @ApiPropertyOptional({ description: 'Correction: why.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  correctionReason?: string;
}

class DiaryFlagDto implements DiaryFlag {
  @ApiProperty({ enum: ['pre_harvest_interval_violated'] }) code: 'pre_harvest_interval_violated';
  @ApiProperty() message: string;
  @ApiProperty() messageVi: string;
  @ApiProperty() sprayingEventId: string;
}

export class LotEventDto implements LotEventView {
  @ApiProperty({ example: 3 }) seq: number;
  @ApiProperty({ example: 'ni:///sha-256;3e0f…?ver=CBV2.0', description: 'EPCIS event hash ID, also the EPCIS eventID.' }) eventId: string;
  @ApiProperty({ example: 'spraying' }) kind: LotEventKind;
  @ApiProperty({ example: '2026-05-20T06:30:00+07:00' }) occurredAt: string;
  @ApiProperty({ example: '2026-05-20T06:31:02+07:00' }) recordedAt: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty({ type: [DiaryFlagDto] }) flags: DiaryFlagDto[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The EPCIS 2.0 event as stored.' }) epcis: Record<
    string,
    unknown
  >;
  @ApiProperty({ description: 'Hex SHA-256 chain hash after this entry.' }) chainHash: string;
}

export class LotEventPageDto {
  @ApiProperty({ type: [LotEventDto] }) items: LotEventDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class VerificationDto implements VerificationView {
  @ApiProperty() lotId: string;
  @ApiProperty() intact: boolean;
  @ApiProperty() eventCount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Seq of the first entry that fails.' }) brokenAt: number | null;
  @ApiProperty({ enum: ['event_altered', 'chain_altered', 'event_missing'], nullable: true }) reason: VerificationView['reason'];
  @ApiProperty({ type: String, nullable: true }) headHash: string | null;
  @ApiProperty({ example: '2026-06-15T08:00:00+07:00' }) verifiedAt: string;
}
