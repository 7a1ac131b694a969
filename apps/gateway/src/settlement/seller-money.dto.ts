import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { SellerBalance, SellerBankAccount, SellerStatement, StatementLine } from '@app/contracts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class SellerBalanceDto implements SellerBalance {
  @ApiProperty() sellerId: string;
  @ApiProperty({ description: 'Delivered, waiting for the carrier’s remittance.' }) pendingVnd: number;
  @ApiProperty({ description: 'Remitted: paid in the next payout.' }) availableVnd: number;
  @ApiProperty({ description: 'In a payout batch not yet marked paid.' }) inPayoutVnd: number;
  @ApiProperty() paidVnd: number;
}

export class StatementLineDto implements StatementLine {
  @ApiProperty({ example: '2026-02-14T09:30:00+07:00' }) postedAt: string;
  @ApiProperty() postingId: string;
  @ApiProperty({ example: 'delivery' }) kind: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['pending', 'available', 'payout'] }) account: string;
  @ApiProperty() debitVnd: number;
  @ApiProperty() creditVnd: number;
}

export class SellerStatementDto implements SellerStatement {
  @ApiProperty() sellerId: string;
  @ApiProperty() sellerName: string;
  @ApiProperty({ example: '2026-02-01' }) from: string;
  @ApiProperty({ example: '2026-02-28' }) to: string;
  @ApiProperty({ type: SellerBalanceDto }) opening: SellerBalanceDto;
  @ApiProperty({ type: SellerBalanceDto }) closing: SellerBalanceDto;
  @ApiProperty({ type: [StatementLineDto] }) lines: StatementLineDto[];
}

export class StatementQueryDto {
  @ApiPropertyOptional({ example: '2026-02-01', description: 'Vietnam calendar date, inclusive (default: 29 days before `to`).' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-02-28', description: 'Vietnam calendar date, inclusive (default: today).' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Alternative to `Accept: text/csv`.' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'CSV header language (default: `Accept-Language`, else English).' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: 'vi' | 'en';
}

export class PutBankAccountDto {
  @ApiProperty({ example: '970405', description: 'NAPAS bank BIN (6 digits), e.g. 970405 Agribank, 970436 Vietcombank.' })
  @Matches(/^970\d{3}$/, { message: 'bankBin must be a 6-digit NAPAS BIN (970xxx)' })
  bankBin: string;

  @ApiProperty({ example: '1500201234567' })
  @Matches(/^[0-9A-Za-z]{4,19}$/, { message: 'accountNumber must be 4–19 letters or digits' })
  accountNumber: string;

  @ApiProperty({ example: 'NGUYEN VAN THANG' })
  @IsString()
  @MinLength(2)
  @MaxLength(70)
  accountName: string;
}

export class SellerBankAccountDto implements SellerBankAccount {
  @ApiProperty() sellerId: string;
  @ApiProperty() bankBin: string;
  @ApiProperty() accountNumber: string;
  @ApiProperty() accountName: string;
  @ApiProperty() updatedAt: string;
}
