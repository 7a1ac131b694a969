import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { LegacyAddress, OrderAcceptance, SellerKind } from '@app/contracts';

/** A farm household, cooperative or enterprise, registered (and owned) by a partner. */
@Entity({ name: 'sellers' })
@Index('sellers_creation_key_idx', ['partnerId', 'creationKey'], { unique: true, where: 'creation_key IS NOT NULL' })
export class Seller {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The partner that registered it: only that partner sees and changes it. */
  @Index('sellers_partner_idx')
  @Column({ type: 'text', name: 'partner_id' })
  partnerId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: SellerKind;

  /** E.164, `+84…`. */
  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text', name: 'province_code' })
  provinceCode: string;

  @Column({ type: 'text', name: 'ward_code' })
  wardCode: string;

  @Column({ type: 'text', name: 'address_line' })
  addressLine: string;

  /** The three-level address as the partner sent it, if it did. */
  @Column({ type: 'jsonb', name: 'legacy_address', nullable: true })
  legacyAddress: LegacyAddress | null;

  @Column({ type: 'text', default: 'active' })
  status: 'active' | 'suspended';

  /** Whether the seller answers each order (`manual`) or takes them all (`auto`). */
  @Column({ type: 'text', name: 'order_acceptance', default: 'manual' })
  orderAcceptance: OrderAcceptance;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  /** The operation that created it (RpcRequest.operation): creating it again returns this row. */
  @Column({ type: 'text', name: 'creation_key', nullable: true })
  creationKey: string | null;

  @Column({ type: 'text', name: 'creation_hash', nullable: true })
  creationHash: string | null;
}
