import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to be published, written in the same transaction as the change it reports. */
@Entity({ name: 'outbox' })
@Index('outbox_unsent_idx', ['seq'], { where: 'published_at IS NULL' })
export class OutboxMessage {
  /** Commit-ish order: the relay publishes in this order. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq: string;

  /** The CloudEvents id: consumers' inboxes dedupe on it. */
  @Column({ type: 'uuid', unique: true, name: 'event_id' })
  eventId: string;

  @Column({ type: 'text' })
  topic: string;

  /** Kafka key: the aggregate id. */
  @Column({ type: 'text', name: 'message_key' })
  key: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb' })
  envelope: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;
}
