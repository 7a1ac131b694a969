import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who is told of an order's changes, from OrderPlacedV1: its storefront key and each sub-order's partner. */
@Entity({ name: 'order_routes' })
export class OrderRoute {
  @PrimaryColumn({ type: 'text', name: 'order_id' }) orderId: string;
  @Column({ type: 'text', name: 'storefront_key_id', nullable: true }) storefrontKeyId: string | null;
  /** Sub-order id → partner id. */
  @Column({ type: 'jsonb' }) partners: Record<string, string>;
}
