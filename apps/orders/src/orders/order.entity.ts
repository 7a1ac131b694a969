import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DeliveryAddress, OrderStatus } from '@app/contracts';
import { bigintTransformer } from '@app/persistence';

/** A buyer's order through a storefront, split into one sub-order per seller. */
@Entity({ name: 'orders' })
@Index('orders_pending_idx', ['placedAt'], { where: "status = 'pending'" })
@Index('orders_placement_key_idx', ['storefrontKeyId', 'placementKey'], { unique: true, where: 'placement_key IS NOT NULL' })
@Index('orders_storefront_change_idx', ['storefrontKeyId', 'changeXid', 'id'])
@Index('orders_change_idx', ['changeXid', 'id'])
export class Order {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The storefront API key that placed it: only that storefront reads or cancels it. */
  @Column({ type: 'text', name: 'storefront_key_id' })
  storefrontKeyId: string;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ type: 'text', name: 'buyer_name' })
  buyerName: string;

  /** E.164. */
  @Column({ type: 'text', name: 'buyer_phone' })
  buyerPhone: string;

  @Column({ type: 'jsonb' })
  address: DeliveryAddress;

  @Column({ type: 'text', name: 'payment_method' })
  paymentMethod: 'cod';

  @Column({ type: 'text' })
  service: 'standard' | 'express';

  @Column({ type: 'text', name: 'carrier_code' })
  carrierCode: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'bigint', name: 'items_vnd', transformer: bigintTransformer })
  itemsVnd: number;

  @Column({ type: 'bigint', name: 'shipping_vnd', transformer: bigintTransformer })
  shippingVnd: number;

  @Column({ type: 'bigint', name: 'cod_vnd', transformer: bigintTransformer })
  codVnd: number;

  /** The operation that placed it (RpcRequest.operation): placing it again returns this order. */
  @Column({ type: 'text', name: 'placement_key', nullable: true })
  placementKey: string | null;

  @Column({ type: 'text', name: 'placement_hash', nullable: true })
  placementHash: string | null;

  /** Why it was rejected or cancelled. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'placed_at' })
  placedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  @VersionColumn()
  version: number;

  /**
   * The id of the transaction that changed the order last (PostgreSQL's `pg_current_xact_id()`):
   * the position order lists page on. Changes become visible in the order of these ids below the
   * oldest running transaction, so a catch-up reader never skips one (ADR 0051).
   */
  @Column({ type: 'bigint', name: 'change_xid' })
  changeXid: string;
}
