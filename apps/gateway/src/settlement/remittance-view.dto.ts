import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  LineOutcomes,
  RemittanceStatuses,
  type LineOutcome,
  type MissingRemittance,
  type MissingSummary,
  type OutcomeTotals,
  type RemittanceDiscrepancy,
  type RemittanceLineError,
  type RemittanceStatus,
  type RemittanceSummaryView,
  type RemittanceView,
} from '@app/contracts';
import { ListQueryDto } from '../http/list-query.dto';

export class OutcomeTotalsDto implements OutcomeTotals {
  @ApiProperty() count: number;
  @ApiProperty() codCollectedVnd: number;
  @ApiProperty() expectedCodVnd: number;
  @ApiProperty() netRemittedVnd: number;
  @ApiProperty({ description: 'Reported minus expected (negative: short).' }) differenceVnd: number;
}

export class OutcomesDto implements Record<LineOutcome, OutcomeTotals> {
  @ApiProperty({ type: OutcomeTotalsDto }) matched: OutcomeTotalsDto;
  @ApiProperty({ type: OutcomeTotalsDto }) short: OutcomeTotalsDto;
  @ApiProperty({ type: OutcomeTotalsDto }) over: OutcomeTotalsDto;
  @ApiProperty({ type: OutcomeTotalsDto, description: 'No such shipment of this carrier.' }) unknown: OutcomeTotalsDto;
  @ApiProperty({ type: OutcomeTotalsDto, description: 'Already remitted, or twice in this statement.' }) duplicate: OutcomeTotalsDto;
}

export class TransferCheckDto {
  @ApiProperty() netLinesVnd: number;
  @ApiProperty() totalTransferredVnd: number;
  @ApiProperty() differenceVnd: number;
  @ApiProperty() matches: boolean;
}

export class DiscrepancyDto implements RemittanceDiscrepancy {
  @ApiProperty() line: number;
  @ApiProperty({ enum: LineOutcomes.filter((o) => o !== 'matched') }) outcome: Exclude<LineOutcome, 'matched'>;
  @ApiProperty() trackingCode: string;
  @ApiProperty({ type: String, nullable: true }) shipmentId: string | null;
  @ApiProperty() expectedCodVnd: number;
  @ApiProperty() codCollectedVnd: number;
  @ApiProperty() differenceVnd: number;
}

export class MissingRemittanceDto implements MissingRemittance {
  @ApiProperty() shipmentId: string;
  @ApiProperty({ type: String, nullable: true }) trackingCode: string | null;
  @ApiProperty() deliveredAt: string;
  @ApiProperty() codVnd: number;
  @ApiProperty() ageDays: number;
}

export class AgeingBucketDto {
  @ApiProperty({ example: '8-14' }) bucket: string;
  @ApiProperty() count: number;
  @ApiProperty() codVnd: number;
}

export class MissingSummaryDto implements MissingSummary {
  @ApiProperty() afterDays: number;
  @ApiProperty() count: number;
  @ApiProperty() codVnd: number;
  @ApiProperty({ type: [AgeingBucketDto] }) ageing: AgeingBucketDto[];
  @ApiProperty({ type: [MissingRemittanceDto] }) items: MissingRemittanceDto[];
}

export class RemittanceLineErrorDto implements RemittanceLineError {
  @ApiProperty({ description: 'Line in the upload (CSV: header = 1); 0 for the batch.' }) line: number;
  @ApiProperty({ example: 'codCollectedVnd' }) field: string;
  @ApiProperty() message: string;
}

export class RemittanceSummaryDto implements RemittanceSummaryView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'VTP' }) carrierCode: string;
  @ApiProperty() batchId: string;
  @ApiProperty() bankTransferRef: string;
  @ApiProperty() totalTransferredVnd: number;
  @ApiProperty({ enum: RemittanceStatuses, description: '`processing` until reconciled (asynchronously).' }) status: RemittanceStatus;
  @ApiProperty() lineCount: number;
  @ApiProperty() reconciledLines: number;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ type: String, nullable: true }) reconciledAt: string | null;
  @ApiProperty({ type: OutcomesDto }) outcomes: OutcomesDto;
  @ApiProperty({ type: TransferCheckDto }) transfer: TransferCheckDto;
  @ApiProperty({ description: 'Lines not matched (GET /v1/remittances/{id} lists them).' }) discrepancyCount: number;
  @ApiProperty() errorCount: number;
}

export class RemittancePageDto {
  @ApiProperty({ type: [RemittanceSummaryDto] }) items: RemittanceSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class RemittanceListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: RemittanceStatuses.filter((s) => s !== 'receiving') })
  @IsOptional()
  @IsIn(RemittanceStatuses.filter((s) => s !== 'receiving'))
  status?: RemittanceStatus;
}

export class RemittanceViewDto extends RemittanceSummaryDto implements RemittanceView {
  @ApiProperty({ type: [DiscrepancyDto], description: 'Every line not matched (at most 1,000; `discrepancyCount` counts all).' })
  discrepancies: DiscrepancyDto[];
  @ApiProperty({ type: MissingSummaryDto, nullable: true }) missing: MissingSummaryDto | null;
  @ApiProperty({ type: [RemittanceLineErrorDto] }) errors: RemittanceLineErrorDto[];
}
