import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export interface ReservedLine {
  productId: string;
  quantity: number;
  unitPriceVnd: number;
}

/** Stock held for one sub-order (all its lines or none), until released or shipped. */
@Entity({ name: 'stock_reservations' })
export class StockReservation {
  @PrimaryColumn({ type: 'text', name: 'sub_order_id' })
  subOrderId: string;

  @Index('stock_reservations_order_idx')
  @Column({ type: 'text', name: 'order_id' })
  orderId: string;

  @Column({ type: 'text' })
  status: 'reserved' | 'rejected' | 'released';

  @Column({ type: 'jsonb' })
  lines: ReservedLine[];

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
