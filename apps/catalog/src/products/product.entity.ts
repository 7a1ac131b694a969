import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Certification, ProductStatus } from '@app/contracts';
import { bigintTransformer } from '@app/persistence';

/** A listed product. `stock` is what is still available to reserve (never below zero). */
@Entity({ name: 'products' })
@Index('products_seller_idx', ['sellerId'])
@Index('products_listing_idx', ['categoryId', 'priceVnd'])
@Index('products_search_tsv_idx', { synchronize: false })
@Index('products_visible_newest_idx', { synchronize: false })
@Index('products_visible_price_idx', { synchronize: false })
@Check('products_price_positive', 'price_vnd > 0')
@Check('products_stock_not_negative', 'stock >= 0')
@Check('products_weight_positive', 'weight_grams > 0')
@Check('products_ocop_stars', 'ocop_stars BETWEEN 1 AND 5')
@Index('products_creation_key_idx', ['partnerId', 'creationKey'], { unique: true, where: 'creation_key IS NOT NULL' })
export class Product {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'seller_id' })
  sellerId: string;

  /** Denormalised owner, so ownership is checked without a join. */
  @Column({ type: 'text', name: 'partner_id' })
  partnerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', name: 'category_id' })
  categoryId: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'bigint', name: 'price_vnd', transformer: bigintTransformer })
  priceVnd: number;

  @Column({ type: 'int' })
  stock: number;

  @Column({ type: 'int', name: 'weight_grams' })
  weightGrams: number;

  @Column({ type: 'smallint', name: 'ocop_stars', nullable: true })
  ocopStars: number | null;

  @Column({ type: 'text', name: 'ocop_certificate_no', nullable: true })
  ocopCertificateNo: string | null;

  @Column({ type: 'date', name: 'ocop_valid_until', nullable: true })
  ocopValidUntil: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  certifications: Certification[];

  @Column({ type: 'text', name: 'origin_province_code' })
  originProvinceCode: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  images: string[];

  @Column({ type: 'text', name: 'lot_id', nullable: true })
  lotId: string | null;

  /** The lot's public trace code, once traceability announced the lot. */
  @Column({ type: 'text', name: 'trace_code', nullable: true })
  traceCode: string | null;

  @Column({ type: 'text' })
  status: ProductStatus;

  /** Operator moderation: hidden from storefronts whatever the partner sets. */
  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  /** Set the first time the product became visible (for `published` and "newest"). */
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  /**
   * Weighted full-text document (name A, category B, seller C, description D), folded by
   * `unaccent`; maintained by a trigger (see the migrations), read only in search queries.
   */
  @Column({ type: 'tsvector', name: 'search_tsv', select: false, insert: false, update: false })
  searchTsv: string;

  /** The operation that created it (RpcRequest.operation): creating it again returns this row. */
  @Column({ type: 'text', name: 'creation_key', nullable: true })
  creationKey: string | null;

  @Column({ type: 'text', name: 'creation_hash', nullable: true })
  creationHash: string | null;
}
