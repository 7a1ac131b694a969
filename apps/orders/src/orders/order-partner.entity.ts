import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * "This partner's sellers hold a sub-order of this order", with the order's change position, so
 * that a partner's order list walks its own index instead of every order (ADR 0051).
 */
@Entity({ name: 'order_partners' })
@Index('order_partners_change_idx', ['partnerId', 'changeXid', 'orderId'])
@Index('order_partners_order_idx', ['orderId'])
export class OrderPartner {
  @PrimaryColumn({ type: 'text', name: 'partner_id' })
  partnerId: string;

  @PrimaryColumn({ type: 'uuid', name: 'order_id' })
  orderId: string;

  /** The order's `change_xid`, kept equal to it by every write of the order. */
  @Column({ type: 'bigint', name: 'change_xid' })
  changeXid: string;
}
