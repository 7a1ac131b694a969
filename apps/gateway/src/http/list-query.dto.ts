import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from '@app/contracts';

/** `?limit=` of every list endpoint. */
export class LimitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

/** `?limit=&cursor=` of every list endpoint paged by an opaque cursor. */
export class ListQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export function pageRequest(q: ListQueryDto): PageRequest {
  return { limit: q.limit ?? DEFAULT_PAGE_SIZE, ...(q.cursor ? { cursor: q.cursor } : {}) };
}

/** A query list parameter, `a,b,c` → `['a', 'b', 'c']` (a repeated parameter arrives as an array and is split the same way). */
export const commaList = () =>
  Transform(({ value }: { value: unknown }): unknown[] =>
    (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((v): unknown[] =>
      typeof v === 'string' ? v.split(',').filter(Boolean) : [v],
    ),
  );
