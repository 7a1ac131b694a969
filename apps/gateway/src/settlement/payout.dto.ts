import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  PayoutStatuses,
  type CreatePayoutRequest,
  type PayoutBatchView,
  type PayoutItem,
  type PayoutStatus,
  type PayoutSummaryView,
} from '@app/contracts';

export class CreatePayoutDto implements CreatePayoutRequest {
  @ApiPropertyOptional({ example: 50000, description: 'Pay balances of at least this much (default from configuration).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  minimumVnd?: number;

  @ApiPropertyOptional({ example: 'CHI-2026-02-15', description: 'Unique reference: the same one again returns the same batch.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[\x21-\x7e]+$/, { message: 'reference must be printable ASCII without spaces' })
  reference?: string;

  @ApiPropertyOptional({ type: [String], description: 'Pay only these sellers; default: every seller above the minimum.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  sellerIds?: string[];
}

export class PayoutBankAccountDto {
  @ApiProperty() bankBin: string;
  @ApiProperty() accountNumber: string;
  @ApiProperty() accountName: string;
}

export class PayoutItemDto implements PayoutItem {
  @ApiProperty() sellerId: string;
  @ApiProperty() sellerName: string;
  @ApiProperty() amountVnd: number;
  @ApiProperty({ type: PayoutBankAccountDto, nullable: true }) bankAccount: PayoutBankAccountDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'VietQR (NAPAS 247) payload for exactly this transfer.' }) vietQr:
    string | null;
}

export class PayoutSummaryDto implements PayoutSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: PayoutStatuses }) status: PayoutStatus;
  @ApiProperty() minimumVnd: number;
  @ApiProperty() totalVnd: number;
  @ApiProperty() itemCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) paidAt: string | null;
}

export class PayoutPageDto {
  @ApiProperty({ type: [PayoutSummaryDto] }) items: PayoutSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PayoutBatchDto extends PayoutSummaryDto implements PayoutBatchView {
  @ApiProperty({ type: [PayoutItemDto] }) items: PayoutItemDto[];
}
