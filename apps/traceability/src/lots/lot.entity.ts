import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Certification, LotArea } from '@app/contracts';

/** A harvest lot of one seller's product: the unit a QR code and a hash chain belong to. */
@Index('lots_partner_idx', ['partnerId', 'id'])
@Entity({ name: 'lots' })
export class Lot {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('lots_seller_idx')
  @Column({ type: 'uuid', name: 'seller_id' })
  sellerId: string;

  /** Owner of the seller: only that partner sees and changes the lot. */
  @Column({ type: 'text', name: 'partner_id' })
  partnerId: string;

  @Column({ type: 'text', name: 'product_name' })
  productName: string;

  /** 8 Crockford base32 characters, printed under the QR code. */
  @Index('lots_trace_code_key', { unique: true })
  @Column({ type: 'text', name: 'trace_code' })
  traceCode: string;

  /** GTIN-14 of the product. */
  @Column({ type: 'text' })
  gtin: string;

  /** The lot-level class id (LGTIN) as a GS1 Digital Link URI: what every event of the lot refers to. */
  @Index('lots_epc_class_idx')
  @Column({ type: 'text', name: 'epc_class' })
  epcClass: string;

  @Column({ type: 'date', name: 'harvest_date', nullable: true })
  harvestDate: string | null;

  @Column({ type: 'jsonb', nullable: true })
  area: LotArea | null;

  @Column({
    type: 'numeric',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  quantity: number | null;

  @Column({ type: 'text', nullable: true })
  unit: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  certifications: Certification[];

  /** Entries in the chain (the next one gets seq = eventCount + 1). */
  @Column({ type: 'integer', name: 'event_count', default: 0 })
  eventCount: number;

  /** Hex chain hash of the last entry; null while the lot has none. */
  @Column({ type: 'text', name: 'chain_head', nullable: true })
  chainHead: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
