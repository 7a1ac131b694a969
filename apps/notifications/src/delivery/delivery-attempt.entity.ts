import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The log: one row per HTTP attempt, what the receiver answered (first 1 KB) and when the next one is due. */
@Entity({ name: 'delivery_attempts' })
@Index('delivery_attempts_endpoint_idx', ['endpointId', 'id'])
export class DeliveryAttempt {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Index('delivery_attempts_delivery_idx')
  @Column({ type: 'uuid', name: 'delivery_id' })
  deliveryId: string;
  @Column({ type: 'uuid', name: 'endpoint_id' }) endpointId: string;
  @Column({ type: 'uuid', name: 'event_id' }) eventId: string;
  @Column({ type: 'int' }) attempt: number;
  @Column({ type: 'text' }) status: 'succeeded' | 'failed';
  @Column({ type: 'int', name: 'http_status', nullable: true }) httpStatus: number | null;
  @Column({ type: 'int', name: 'duration_ms', nullable: true }) durationMs: number | null;
  @Column({ type: 'text', name: 'response_snippet', nullable: true }) responseSnippet: string | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'timestamptz', name: 'attempted_at' }) attemptedAt: Date;
  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true }) nextAttemptAt: Date | null;
}
