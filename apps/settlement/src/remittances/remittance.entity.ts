import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MissingSummary, RemittanceLineError, RemittanceStatus } from '@app/contracts';
import { bigintTransformer } from '@app/persistence';
import type { RemittanceSummary } from './remittance-summary';

/**
 * One carrier remittance: the statement of COD it collected and the one bank transfer for it. `receiving` while chunks arrive (an upload); `processing` once complete
 * (its lines durable, reconciled chunk by chunk, `chunksDone` the resume point); then
 * `reconciled` or `rejected`. (carrier, batchId) is unique among accepted remittances (a rejected one may be sent again, corrected).
 */
@Entity({ name: 'remittance_batches' })
@Index('remittance_batches_batch_uq', ['carrierCode', 'batchId'], { unique: true, where: `status IN ('processing', 'reconciled')` })
@Index('remittance_batches_status_idx', ['status'])
@Check('remittance_batches_status', `status IN ('receiving', 'processing', 'reconciled', 'rejected')`)
export class Remittance {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text', name: 'carrier_code' }) carrierCode: string;
  @Column({ type: 'text', name: 'batch_id' }) batchId: string;
  @Column({ type: 'text', name: 'bank_transfer_ref' }) bankTransferRef: string;
  @Column({ type: 'bigint', name: 'total_transferred_vnd', transformer: bigintTransformer }) totalTransferredVnd: number;
  @Column({ type: 'text' }) format: 'csv' | 'json';
  @Column({ type: 'text' }) status: RemittanceStatus;
  @Column({ type: 'text', name: 'content_hash', nullable: true }) contentHash: string | null;
  @Column({ type: 'integer', name: 'line_count', default: 0 }) lineCount: number;
  @Column({ type: 'integer', name: 'chunk_count', default: 0 }) chunkCount: number;
  /** Lines per reconciliation step (each step one transaction and one ledger posting). */
  @Column({ type: 'integer', name: 'chunk_size' }) chunkSize: number;
  @Column({ type: 'integer', name: 'chunks_done', default: 0 }) chunksDone: number;
  /** Every line checked against other carriers' shipments (before anything is posted). */
  @Column({ type: 'boolean', default: false }) validated: boolean;
  @Column({ type: 'integer', name: 'error_count', default: 0 }) errorCount: number;
  @Column({ type: 'jsonb', default: () => `'[]'` }) errors: RemittanceLineError[];
  @Column({ type: 'jsonb', nullable: true }) summary: RemittanceSummary | null;
  @Column({ type: 'jsonb', nullable: true }) missing: MissingSummary | null;
  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' }) receivedAt: Date;
  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'reconciled_at', nullable: true }) reconciledAt: Date | null;
}
