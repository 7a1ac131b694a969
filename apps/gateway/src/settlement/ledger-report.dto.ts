import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { DailyReport, DailyReportRow, TrialBalance, TrialBalanceAccount } from '@app/contracts';

export class TrialBalanceAccountDto implements TrialBalanceAccount {
  @ApiProperty({ example: 'carrier:VTP:receivable' }) code: string;
  @ApiProperty({ example: 'carrier_receivable' }) kind: string;
  @ApiProperty() debitsVnd: number;
  @ApiProperty() creditsVnd: number;
  @ApiProperty() balanceVnd: number;
}

export class TrialBalanceDto implements TrialBalance {
  @ApiProperty({ type: [TrialBalanceAccountDto] }) accounts: TrialBalanceAccountDto[];
  @ApiProperty() totalDebitsVnd: number;
  @ApiProperty() totalCreditsVnd: number;
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
