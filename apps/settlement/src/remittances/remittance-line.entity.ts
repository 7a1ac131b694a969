import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LineOutcome } from '@app/contracts';
import { bigintTransformer } from '@app/persistence';

/** A staged remittance line; reconciliation fills in the outcome and what it matched. */
@Entity({ name: 'remittance_lines' })
export class RemittanceLine {
  @PrimaryColumn({ type: 'uuid', name: 'remittance_id' }) remittanceId: string;
  /** Position in the batch (0-based): reconciliation steps are ordinal ranges. */
  @PrimaryColumn({ type: 'integer' }) ordinal: number;
  @Column({ type: 'integer', name: 'line_no' }) lineNo: number;
  @Column({ type: 'text', name: 'tracking_code' }) trackingCode: string;
  /** Our shipment id as the carrier wrote it (may be empty). */
  @Column({ type: 'text', name: 'shipment_ref', nullable: true }) shipmentRef: string | null;
  @Column({ type: 'bigint', name: 'cod_collected_vnd', transformer: bigintTransformer }) codCollectedVnd: number;
  @Column({ type: 'bigint', name: 'shipping_fee_vnd', transformer: bigintTransformer }) shippingFeeVnd: number;
  @Column({ type: 'bigint', name: 'cod_fee_vnd', transformer: bigintTransformer }) codFeeVnd: number;
  @Column({ type: 'bigint', name: 'return_fee_vnd', transformer: bigintTransformer }) returnFeeVnd: number;
  @Column({ type: 'bigint', name: 'net_remitted_vnd', transformer: bigintTransformer }) netRemittedVnd: number;
  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column({ type: 'text', nullable: true }) outcome: LineOutcome | null;
  @Column({ type: 'text', name: 'shipment_id', nullable: true }) shipmentId: string | null;
  @Column({ type: 'text', name: 'seller_id', nullable: true }) sellerId: string | null;
  @Column({ type: 'bigint', name: 'expected_cod_vnd', nullable: true, transformer: bigintTransformer }) expectedCodVnd: number | null;
  @Column({ type: 'bigint', name: 'seller_share_vnd', nullable: true, transformer: bigintTransformer }) sellerShareVnd: number | null;
}
