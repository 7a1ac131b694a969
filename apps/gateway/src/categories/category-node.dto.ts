import { ApiProperty } from '@nestjs/swagger';
import type { CategoryNode } from '@app/contracts';

export class CategoryNodeDto implements CategoryNode {
  @ApiProperty({ example: 'ca-phe', description: 'Opaque id.' })
  id: string;

  @ApiProperty({ example: 'ca-phe' })
  slug: string;

  @ApiProperty({ example: 'Cà phê' })
  nameVi: string;

  @ApiProperty({ example: 'Coffee' })
  nameEn: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  parentId: string | null;

  @ApiProperty({ type: () => [CategoryNodeDto] })
  children: CategoryNodeDto[];
}
