import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ProductSorts, type ProductSort } from '@app/contracts';
import { ListQueryDto } from '../http/list-query.dto';

export class SearchProductsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ example: 'vai thieu', description: 'Free text; with or without diacritics, typos tolerated.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: '24', description: 'Origin province (2025 code).' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a 2-digit 2025 province code' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: 'trai-cay', description: 'A category or its parent.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  categoryId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'At least this many valid OCOP stars.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  ocopStars?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sellerId?: string;

  @ApiPropertyOptional({ example: 20000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPriceVnd?: number;

  @ApiPropertyOptional({ example: 200000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  maxPriceVnd?: number;

  @ApiPropertyOptional({ enum: ProductSorts, description: 'Default: relevance with `q`, else newest.' })
  @IsOptional()
  @IsIn(ProductSorts)
  sort?: ProductSort;
}
