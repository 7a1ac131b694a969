import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/persistence';

/**
 * A shipment the carrier delivered (owes its COD) or returned, as settlement needs it: what to
 * expect in remittances, the seller's share, and which remittance covered it.
 */
@Entity({ name: 'settled_shipments' })
@Index('settled_shipments_tracking_idx', ['carrierCode', 'trackingCode'])
@Index('settled_shipments_delivered_idx', ['deliveredAt'])
@Check('settled_shipments_status', `status IN ('delivered', 'returned')`)
export class SettledShipment {
  @PrimaryColumn({ type: 'text', name: 'shipment_id' }) shipmentId: string;
  @Column({ type: 'text', name: 'order_id' }) orderId: string;
  @Column({ type: 'text', name: 'seller_id' }) sellerId: string;
  @Column({ type: 'text', name: 'partner_id' }) partnerId: string;
  @Column({ type: 'text', name: 'carrier_code' }) carrierCode: string;
  @Column({ type: 'text', name: 'tracking_code', nullable: true }) trackingCode: string | null;
  @Column({ type: 'text', name: 'receiver_province_code' }) receiverProvinceCode: string;
  @Column({ type: 'bigint', name: 'items_vnd', transformer: bigintTransformer }) itemsVnd: number;
  /** What the carrier must remit for it (0 once returned). */
  @Column({ type: 'bigint', name: 'cod_vnd', transformer: bigintTransformer }) codVnd: number;
  @Column({ type: 'bigint', name: 'commission_vnd', transformer: bigintTransformer }) commissionVnd: number;
  @Column({ type: 'bigint', name: 'seller_share_vnd', transformer: bigintTransformer }) sellerShareVnd: number;
  @Column({ type: 'text' }) status: 'delivered' | 'returned';
  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column({ type: 'timestamptz', name: 'returned_at', nullable: true }) returnedAt: Date | null;
  @Column({ type: 'uuid', name: 'remittance_id', nullable: true }) remittanceId: string | null;
  @Column({ type: 'timestamptz', name: 'remitted_at', nullable: true }) remittedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
