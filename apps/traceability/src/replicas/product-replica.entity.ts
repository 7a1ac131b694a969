import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Certification, OcopRating } from '@app/contracts';

/** A catalog product linked to a lot (from `catalog.product.updated.v1`): what the trace page shows of it. */
@Entity({ name: 'product_replicas' })
export class ProductReplica {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('product_replicas_lot_idx')
  @Column({ type: 'uuid', name: 'lot_id', nullable: true })
  lotId: string | null;

  @Column({ type: 'uuid', name: 'seller_id' })
  sellerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'integer', name: 'weight_grams' })
  weightGrams: number;

  @Column({ type: 'jsonb', nullable: true })
  ocop: OcopRating | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  certifications: Certification[];

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
