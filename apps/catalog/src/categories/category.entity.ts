import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A product category; the tree is reference data seeded by migration. */
@Entity({ name: 'categories' })
export class Category {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Index('categories_parent_idx')
  @Column({ type: 'text', name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Category, { nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'categories_parent_id_fkey' })
  parent?: Category | null;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text', name: 'name_vi' })
  nameVi: string;

  @Column({ type: 'text', name: 'name_en' })
  nameEn: string;

  /** Display order among siblings. */
  @Column({ type: 'int' })
  position: number;
}
