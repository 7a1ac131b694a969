import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ShipmentParty, ShipmentStatus } from '@app/contracts';
import { bigintTransformer } from '@app/persistence';

/** The parcel of one sub-order, handed to a postal carrier, with its collected COD. */
@Entity({ name: 'shipments' })
@Index('shipments_carrier_status_idx', ['carrierCode', 'status'])
export class Shipment {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'order_id' })
  orderId: string;

  @Column({ type: 'uuid', name: 'sub_order_id', unique: true })
  subOrderId: string;

  @Column({ type: 'text', name: 'carrier_code' })
  carrierCode: string;

  /** The carrier's waybill number (arrives with `picked_up`). */
  @Index('shipments_tracking_idx')
  @Column({ type: 'text', name: 'tracking_code', nullable: true })
  trackingCode: string | null;

  @Column({ type: 'text' })
  status: ShipmentStatus;

  /** The carrier's own code of the last applied report, kept next to ours. */
  @Column({ type: 'text', name: 'carrier_status_code', nullable: true })
  carrierStatusCode: string | null;

  @Column({ type: 'timestamptz', name: 'status_at' })
  statusAt: Date;

  @Column({ type: 'jsonb' })
  sender: ShipmentParty;

  @Column({ type: 'jsonb' })
  receiver: ShipmentParty;

  @Column({ type: 'int', name: 'weight_grams' })
  weightGrams: number;

  @Column({ type: 'bigint', name: 'cod_vnd', transformer: bigintTransformer })
  codVnd: number;

  @Column({ type: 'bigint', name: 'cod_collected_vnd', nullable: true, transformer: bigintTransformer })
  codCollectedVnd: number | null;

  /** When the seller has the parcel ready (the window given with the seller's acceptance). */
  @Column({ type: 'timestamptz', name: 'pickup_from', nullable: true })
  pickupFrom: Date | null;

  @Column({ type: 'timestamptz', name: 'pickup_to', nullable: true })
  pickupTo: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
