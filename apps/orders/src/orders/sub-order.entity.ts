import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
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

/** One seller's part of an order: reserved all-or-nothing, shipped as one parcel. */
@Entity({ name: 'sub_orders' })
export class SubOrder {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index('sub_orders_order_idx')
  @Column({ type: 'uuid', name: 'order_id' })
  orderId: string;

  @Column({ type: 'uuid', name: 'seller_id' })
  sellerId: string;

  @Index('sub_orders_partner_idx')
  @Column({ type: 'text', name: 'partner_id' })
  partnerId: string;

  @Column({ type: 'text', name: 'seller_name' })
  sellerName: string;

  @Column({ type: 'text' })
  status: 'pending' | 'reserved' | 'rejected' | 'released';

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
