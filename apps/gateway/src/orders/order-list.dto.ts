import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { OrderStatuses, SubOrderStatuses, type OrderListRequest, type OrderStatus, type SubOrderStatus } from '@app/contracts';
import { commaList, ListQueryDto, pageRequest } from '../http/list-query.dto';
import { OrderViewDto } from './order-view.dto';

export class OrderListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    type: String,
    example: 'confirmed,shipping',
    description: `Order statuses, comma-separated: ${OrderStatuses.join(', ')}.`,
  })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(OrderStatuses.length)
  @IsIn(OrderStatuses, { each: true })
  status?: OrderStatus[];

  @ApiPropertyOptional({
    type: String,
    example: 'awaiting_seller',
    description: `Orders holding a sub-order (a partner: one of its own) in one of these statuses: ${SubOrderStatuses.join(', ')}.`,
  })
  @IsOptional()
  @commaList()
  @ArrayMaxSize(SubOrderStatuses.length)
  @IsIn(SubOrderStatuses, { each: true })
  subOrderStatus?: SubOrderStatus[];

  @ApiPropertyOptional({ description: 'Orders holding a sub-order of this seller.' })
  @IsOptional()
  @IsUUID()
  sellerId?: string;

  @ApiPropertyOptional({
    example: '2026-01-28T10:00:00+07:00',
    description:
      'Catch-up polling: orders changed at or after this time, the oldest change first. Keep polling with `nextCursor` (always given in this mode): it never skips or repeats a change, even while orders change.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedSince?: string;

  @ApiPropertyOptional({ example: '2026-01-28T00:00:00+07:00', description: 'Placed at or after.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ example: '2026-01-29T00:00:00+07:00', description: 'Placed before.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;
}

export function orderListRequest(q: OrderListQueryDto): OrderListRequest {
  return {
    ...pageRequest(q),
    ...(q.status?.length ? { status: q.status } : {}),
    ...(q.subOrderStatus?.length ? { subOrderStatus: q.subOrderStatus } : {}),
    ...(q.sellerId ? { sellerId: q.sellerId } : {}),
    ...(q.updatedSince ? { updatedSince: q.updatedSince } : {}),
    ...(q.createdFrom ? { createdFrom: q.createdFrom } : {}),
    ...(q.createdTo ? { createdTo: q.createdTo } : {}),
  };
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderViewDto] }) items: OrderViewDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The next page; in catch-up mode (`updatedSince`) always given: poll with it to get the changes after those seen.',
  })
  nextCursor: string | null;
}
