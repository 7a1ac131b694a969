import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventOwnerRole, PublicEventType, WebhookEndpointStatus } from '@app/contracts';

/** A receiver's URL, the event types it wants, and its signing secret (encrypted at rest). */
@Entity({ name: 'webhook_endpoints' })
@Index('webhook_endpoints_owner_idx', ['ownerRole', 'ownerId', 'id'])
export class WebhookEndpoint {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text', name: 'owner_role' }) ownerRole: EventOwnerRole;
  @Column({ type: 'text', name: 'owner_id' }) ownerId: string;
  @Column({ type: 'text' }) url: string;
  @Column({ type: 'text', name: 'event_types', array: true }) eventTypes: PublicEventType[];
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text' }) status: WebhookEndpointStatus;
  @Column({ type: 'text', name: 'disabled_reason', nullable: true }) disabledReason: string | null;
  /** AES-256-GCM box of the `whsec_…` secret (see SecretBox). */
  @Column({ type: 'text', name: 'secret_enc' }) secretEnc: string;
  /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
  @Column({ type: 'text', name: 'previous_secret_enc', nullable: true }) previousSecretEnc: string | null;
  @Column({ type: 'timestamptz', name: 'previous_secret_expires_at', nullable: true }) previousSecretExpiresAt: Date | null;
  /** Since when every attempt failed (null after a success): 3 days of it disable the endpoint. */
  @Column({ type: 'timestamptz', name: 'failing_since', nullable: true }) failingSince: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
