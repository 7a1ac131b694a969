import { PickupWindowViewDto } from './order-view.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { ShipmentStatuses, type ShipmentReportResult, type ShipmentStatus, type ShipmentView } from '@app/contracts';
import { ListQueryDto } from '../http/list-query.dto';

/** Statuses a carrier may report (`cancelled` is ours, before pick-up). */
const REPORTABLE = ShipmentStatuses.filter((s) => s !== 'cancelled');

export class ShipmentEventDto {
  @ApiProperty({ enum: REPORTABLE, example: 'delivered' })
  @IsIn(REPORTABLE)
  status: ShipmentStatus;

  @ApiProperty({ example: '2026-01-28T15:30:00+07:00', description: 'When it happened, ISO 8601 with offset.' })
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'occurredAt must carry its UTC offset' })
  occurredAt: string;

  @ApiPropertyOptional({ example: 'EB123456789VN', description: 'The waybill number; arrives with picked_up.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  trackingCode?: string;

  @ApiPropertyOptional({ example: 167000, description: 'Cash collected, with delivered.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  codCollectedVnd?: number;

  @ApiPropertyOptional({ example: 'Khách vắng nhà' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ example: 'Bưu cục Sài Gòn' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;
}

export class ShipmentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ShipmentStatuses })
  @IsOptional()
  @IsIn(ShipmentStatuses)
  status?: ShipmentStatus;
}

export class ShipmentReportResultDto implements ShipmentReportResult {
  @ApiProperty() shipmentId: string;
  @ApiProperty({ description: 'false: a duplicate, a stale report (older than the current state) or an unmapped carrier code.' })
  applied: boolean;
  @ApiPropertyOptional({ enum: ['duplicate', 'stale', 'unmapped'] }) ignored?: 'duplicate' | 'stale' | 'unmapped';
  @ApiProperty({ enum: ShipmentStatuses, description: 'The shipment’s status after the report.' }) status: ShipmentStatus;
}

class PartyDto {
  @ApiProperty() name: string;
  @ApiProperty() phone: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty() wardCode: string;
  @ApiProperty() line: string;
}

export class ShipmentViewDto implements ShipmentView {
  @ApiProperty() id: string;
  @ApiProperty() orderId: string;
  @ApiProperty() subOrderId: string;
  @ApiProperty({ example: 'VNPOST' }) carrierCode: string;
  @ApiProperty({ type: String, nullable: true }) trackingCode: string | null;
  @ApiProperty({ enum: ShipmentStatuses }) status: ShipmentStatus;
  @ApiProperty({ type: String, nullable: true, description: 'The carrier’s own code of the last report.' }) carrierStatusCode:
    string | null;
  @ApiProperty() codVnd: number;
  @ApiProperty({ type: Number, nullable: true }) codCollectedVnd: number | null;
  @ApiProperty() weightGrams: number;
  @ApiProperty({ type: PickupWindowViewDto, nullable: true, description: 'When the seller has the parcel ready; null: any time.' })
  pickupWindow: PickupWindowViewDto | null;
  @ApiProperty({ type: PartyDto }) sender: PartyDto;
  @ApiProperty({ type: PartyDto }) receiver: PartyDto;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ShipmentPageDto {
  @ApiProperty({ type: [ShipmentViewDto] }) items: ShipmentViewDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
