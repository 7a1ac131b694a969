import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProductSnapshot } from '@app/contracts';
import { bigintTransformer } from '@app/persistence';

/** The seller part of a product snapshot: its pickup point and how it takes orders. */
export type SellerSnapshot = ProductSnapshot['seller'];

/**
 * The orders service's copy of what it needs of each catalog product, kept from
 * `catalog.product.updated.v1`: prices come from here, never from the client.
 */
@Entity({ name: 'catalog_products' })
export class CatalogProduct {
  @PrimaryColumn({ type: 'uuid', name: 'product_id' })
  productId: string;

  @Column({ type: 'uuid', name: 'seller_id' })
  sellerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text', name: 'category_id' })
  categoryId: string;

  @Column({ type: 'bigint', name: 'price_vnd', transformer: bigintTransformer })
  priceVnd: number;

  @Column({ type: 'int', name: 'weight_grams' })
  weightGrams: number;

  @Column({ type: 'text', name: 'lot_id', nullable: true })
  lotId: string | null;

  @Column({ type: 'boolean' })
  visible: boolean;

  @Column({ type: 'jsonb' })
  seller: SellerSnapshot;

  /** `time` of the snapshot event applied last: an older snapshot never overwrites a newer one. */
  @Column({ type: 'timestamptz', name: 'snapshot_at' })
  snapshotAt: Date;
}
