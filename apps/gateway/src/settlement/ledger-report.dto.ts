import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  DEFAULT_TRIAL_BALANCE_PAGE,
  MAX_TRIAL_BALANCE_PAGE,
  type DailyReport,
  type DailyReportRow,
  type TrialBalance,
  type TrialBalanceAccount,
  type TrialBalanceRequest,
} from '@app/contracts';

export class TrialBalanceAccountDto implements TrialBalanceAccount {
  @ApiProperty({ example: 'carrier:VTP:receivable' }) code: string;
  @ApiProperty({ example: 'carrier_receivable' }) kind: string;
  @ApiProperty() debitsVnd: number;
  @ApiProperty() creditsVnd: number;
  @ApiProperty() balanceVnd: number;
}

/** `?limit=&cursor=` as every list, a larger page for this admin report, and an optional code prefix. */
export class TrialBalanceQueryDto implements Partial<TrialBalanceRequest> {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TRIAL_BALANCE_PAGE, default: DEFAULT_TRIAL_BALANCE_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_TRIAL_BALANCE_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({
    example: 'carrier:VTP:',
    description: 'Only accounts whose code starts with this; the totals still cover every account.',
  })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'prefix must be 1–200 printable characters' })
  prefix?: string;
}

export class TrialBalanceDto implements TrialBalance {
  @ApiProperty({ type: [TrialBalanceAccountDto], description: 'This page’s accounts, in code order.' }) items: TrialBalanceAccountDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' })
  nextCursor: string | null;
  @ApiProperty({ description: 'Accounts in the ledger, all pages and prefixes together.' }) accountCount: number;
  @ApiProperty({ description: 'Over every account of the ledger, on every page.' }) totalDebitsVnd: number;
  @ApiProperty({ description: 'Over every account of the ledger; always equal to totalDebitsVnd.' }) totalCreditsVnd: number;
  @ApiProperty({ description: 'Debits = credits, and the accounts agree with their entries.' }) balanced: boolean;
  @ApiProperty() postings: number;
}

export class DailyReportQueryDto {
  @ApiProperty({ example: '2026-02-14', description: 'Vietnam calendar date.' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a date (YYYY-MM-DD)' })
  date: string;
}

export class DailyReportRowDto implements DailyReportRow {
  @ApiProperty() carrierCode: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty() delivered: number;
  @ApiProperty() returned: number;
  @ApiProperty() codCollectedVnd: number;
  @ApiProperty() codRemittedVnd: number;
  @ApiProperty() codOutstandingVnd: number;
}

class ProvinceOrdersDto {
  @ApiProperty() provinceCode: string;
  @ApiProperty() count: number;
  @ApiProperty() codVnd: number;
}

class OrdersPlacedDto {
  @ApiProperty() total: number;
  @ApiProperty() itemsVnd: number;
  @ApiProperty() codVnd: number;
  @ApiProperty({ type: [ProvinceOrdersDto] }) byProvince: ProvinceOrdersDto[];
}

export class DailyReportDto implements DailyReport {
  @ApiProperty() date: string;
  @ApiProperty({ type: OrdersPlacedDto }) ordersPlaced: OrdersPlacedDto;
  @ApiProperty({ type: [DailyReportRowDto], description: 'Rows summed per carrier (provinceCode omitted).' })
  byCarrier: DailyReportRowDto[];
  @ApiProperty({ type: [DailyReportRowDto], description: 'Rows summed per province (carrierCode omitted).' })
  byProvince: DailyReportRowDto[];
  @ApiProperty({ type: [DailyReportRowDto] }) rows: DailyReportRowDto[];
}
