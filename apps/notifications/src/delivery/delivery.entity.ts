import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeliveryStatus } from '@app/contracts';

/**
 * One event to one endpoint. While `pending`, `nextAttemptAt` is when a worker may claim it; a
 * claim moves it ahead by a lease, so a worker that dies mid-request leaves it to be sent again.
 * The status changes only through delivery-state.ts.
 */
@Entity({ name: 'deliveries' })
@Index('deliveries_event_endpoint_idx', ['eventId', 'endpointId'], { unique: true })
@Index('deliveries_endpoint_idx', ['endpointId', 'id'])
@Index('deliveries_due_idx', ['endpointId', 'nextAttemptAt'], { where: `status = 'pending'` })
export class Delivery {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'event_id' }) eventId: string;
  @Column({ type: 'uuid', name: 'endpoint_id' }) endpointId: string;
  @Column({ type: 'text' }) status: DeliveryStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
