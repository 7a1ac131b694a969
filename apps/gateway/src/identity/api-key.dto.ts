import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { Roles, type Role } from '@app/contracts';

export class IssueApiKeyDto {
  @ApiProperty({ enum: Roles, example: 'partner' })
  @IsIn(Roles)
  role: Role;

  @ApiProperty({ example: 'HTX Nông nghiệp Lục Ngạn — ứng dụng đối tác', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    description: 'Required for `carrier` keys: the carrier this key acts for.',
    example: 'VTP',
    pattern: '^[A-Z][A-Z0-9_]{1,19}$',
  })
  @ValidateIf((o: IssueApiKeyDto) => o.role === 'carrier' || o.carrierCode !== undefined)
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,19}$/, { message: 'carrierCode must be 2–20 upper-case letters, digits or _' })
  carrierCode?: string;

  @ApiPropertyOptional({ description: 'Partner keys only: issue another key for an existing partner (its id). Omitted: a new partner.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  partnerId?: string;

  @ApiPropertyOptional({ description: 'Requests per minute for this key; default: the gateway’s.', minimum: 1, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  rateLimitPerMinute?: number;
}

export class ApiKeyDto {
  @ApiProperty({ example: '01a20930-5b7e-7c43-9d0e-3f1c2a7b8e11' })
  id: string;

  @ApiProperty({ example: 'HTX Nông nghiệp Lục Ngạn — ứng dụng đối tác' })
  name: string;

  @ApiProperty({ enum: Roles })
  role: Role;

  @ApiProperty({ type: String, nullable: true, description: 'Partner keys: the partner owning what the key creates.' })
  partnerId: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  carrierCode: string | null;

  @ApiProperty({ example: 'ns_Qm9u', description: 'First characters of the key.' })
  keyPrefix: string;

  @ApiProperty({ type: Number, nullable: true })
  rateLimitPerMinute: number | null;

  @ApiProperty({ example: '2026-11-23T22:05:00+07:00' })
  createdAt: string;

  @ApiProperty({ type: String, nullable: true })
  revokedAt: string | null;
}

export class IssuedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key. Shown once: only its hash is stored.', example: 'ns_Qm9uZ1NhbkxvY2FsS2V5MDEyMzQ1Njc4OWFiY2RlZg' })
  key: string;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] })
  items: ApiKeyDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
