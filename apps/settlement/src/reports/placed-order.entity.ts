import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/persistence';

/** An order placed (from OrderPlacedV1), counted in the operator's daily report. */
@Entity({ name: 'placed_orders' })
@Index('placed_orders_placed_idx', ['placedAt'])
export class PlacedOrder {
  @PrimaryColumn({ type: 'text', name: 'order_id' }) orderId: string;
  @Column({ type: 'timestamptz', name: 'placed_at' }) placedAt: Date;
  @Column({ type: 'text', name: 'province_code', nullable: true }) provinceCode: string | null;
  @Column({ type: 'bigint', name: 'items_vnd', transformer: bigintTransformer }) itemsVnd: number;
  @Column({ type: 'bigint', name: 'cod_vnd', transformer: bigintTransformer }) codVnd: number;
}
