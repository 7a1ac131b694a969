import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DeclineReasons, type DeclineReason } from '@app/contracts';

export class PickupWindowDto {
  @ApiProperty({ example: '2026-01-29T08:00:00+07:00', description: 'In the future.' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-01-29T11:00:00+07:00', description: 'At least 1 hour after `from`, within 7 days from now.' })
  @IsISO8601({ strict: true })
  to: string;
}

export class AcceptSubOrderDto {
  @ApiPropertyOptional({ type: PickupWindowDto, description: 'When the carrier may come for the parcel; absent: any time.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PickupWindowDto)
  pickupWindow?: PickupWindowDto;

  @ApiPropertyOptional({ example: 'Hàng đóng thùng xốp, lấy ở cổng HTX.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class DeclineSubOrderDto {
  @ApiProperty({ enum: DeclineReasons, example: 'out_of_stock' })
  @IsIn(DeclineReasons)
  reason: DeclineReason;

  @ApiPropertyOptional({ example: 'Mưa đá làm hỏng vải, không đủ hàng loại 1.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
