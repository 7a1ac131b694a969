import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The first response to a creating POST, replayed for a retry with the same Idempotency-Key. */
@Entity({ name: 'idempotency_records' })
@Index('idempotency_records_expiry_idx', ['expiresAt'])
export class IdempotencyRecord {
  /** Keys are scoped per API key. */
  @PrimaryColumn({ type: 'text', name: 'api_key_id' })
  apiKeyId: string;

  @PrimaryColumn({ type: 'text', name: 'idempotency_key' })
  idempotencyKey: string;

  /** SHA-256 of method, path and canonical body: a different request under the same key is refused. */
  @Column({ type: 'text', name: 'request_hash' })
  requestHash: string;

  @Column({ type: 'text' })
  state: 'in_progress' | 'completed';

  @Column({ type: 'int', name: 'response_status', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', name: 'response_body', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;
}
