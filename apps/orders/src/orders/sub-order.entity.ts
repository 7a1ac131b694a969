import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeclineReason, OrderAcceptance, SubOrderStatus } from '@app/contracts';
import { bigintTransformer } from '@app/persistence';

export interface SubOrderItem {
  productId: string;
  name: string;
  unit: string;
  categoryId: string;
  lotId: string | null;
  quantity: number;
  unitPriceVnd: number;
  lineVnd: number;
  weightGrams: number;
}

export interface RejectedLine {
  productId: string;
  quantity: number;
  available: number;
  reason: string;
}

/**
 * One seller's part of an order: reserved all-or-nothing, answered by the seller (or at once for
 * `auto` sellers), shipped as one parcel. Its status moves only through `sub-order-state.ts`.
 */
@Entity({ name: 'sub_orders' })
@Index('sub_orders_accept_by_idx', ['acceptBy'], { where: "status = 'awaiting_seller'" })
export class SubOrder {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('sub_orders_order_idx')
  @Column({ type: 'uuid', name: 'order_id' })
  orderId: string;

  @Index('sub_orders_seller_idx')
  @Column({ type: 'uuid', name: 'seller_id' })
  sellerId: string;

  @Index('sub_orders_partner_idx')
  @Column({ type: 'text', name: 'partner_id' })
  partnerId: string;

  @Column({ type: 'text', name: 'seller_name' })
  sellerName: string;

  @Column({ type: 'text' })
  status: SubOrderStatus;

  /** How the seller took orders when this one was placed. */
  @Column({ type: 'text' })
  acceptance: OrderAcceptance;

  /** The seller's deadline while `awaiting_seller`. */
  @Column({ type: 'timestamptz', name: 'accept_by', nullable: true })
  acceptBy: Date | null;

  /** When it was accepted, declined or expired. */
  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'timestamptz', name: 'pickup_from', nullable: true })
  pickupFrom: Date | null;

  @Column({ type: 'timestamptz', name: 'pickup_to', nullable: true })
  pickupTo: Date | null;

  @Column({ type: 'text', name: 'decline_reason', nullable: true })
  declineReason: DeclineReason | null;

  /** What the seller wrote with the answer. */
  @Column({ type: 'text', name: 'seller_note', nullable: true })
  sellerNote: string | null;

  @Column({ type: 'jsonb' })
  items: SubOrderItem[];

  @Column({ type: 'jsonb', nullable: true })
  rejection: RejectedLine[] | null;

  @Column({ type: 'int', name: 'weight_grams' })
  weightGrams: number;

  @Column({ type: 'bigint', name: 'items_vnd', transformer: bigintTransformer })
  itemsVnd: number;

  @Column({ type: 'bigint', name: 'shipping_vnd', transformer: bigintTransformer })
  shippingVnd: number;

  @Column({ type: 'bigint', name: 'cod_fee_vnd', transformer: bigintTransformer })
  codFeeVnd: number;

  @Column({ type: 'bigint', name: 'cod_vnd', transformer: bigintTransformer })
  codVnd: number;

  @Column({ type: 'uuid', name: 'shipment_id', nullable: true })
  shipmentId: string | null;
}
