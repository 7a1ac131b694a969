import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every carrier report as received, applied or not (audit trail, raw carrier payload kept). */
@Entity({ name: 'shipment_reports' })
@Index('shipment_reports_shipment_idx', ['shipmentId', 'receivedAt'])
export class ShipmentReportRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', name: 'shipment_id' })
  shipmentId: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text', name: 'carrier_status_code', nullable: true })
  carrierStatusCode: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @CreateDateColumn({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;

  @Column({ type: 'text' })
  source: string;

  /** Where the carrier saw the parcel (hub, post office), when it said. */
  @Column({ type: 'text', nullable: true })
  location: string | null;

  /** `applied`, `duplicate`, `stale` or `unmapped`. */
  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'jsonb', nullable: true })
  raw: Record<string, unknown> | null;
}
