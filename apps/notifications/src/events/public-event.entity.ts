import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventOwnerRole, PublicEvent, PublicEventType } from '@app/contracts';

/**
 * One public event for one owner: the body every delivery sends and the feed returns. `position`
 * numbers the owner's events in commit order (see FeedPositionRecord), so a poller's cursor never
 * passes an event that commits later.
 */
@Entity({ name: 'public_events' })
@Index('public_events_source_idx', ['sourceEventId', 'ownerRole', 'ownerId'], { unique: true })
@Index('public_events_feed_idx', ['ownerRole', 'ownerId', 'position'], { unique: true })
export class PublicEventRecord {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text', name: 'owner_role' }) ownerRole: EventOwnerRole;
  @Column({ type: 'text', name: 'owner_id' }) ownerId: string;
  @Column({ type: 'text' }) type: PublicEventType;
  /** The domain event it came from (CloudEvents id), or `test:<uuid>` for a test delivery. */
  @Column({ type: 'text', name: 'source_event_id' }) sourceEventId: string;
  @Column({ type: 'jsonb' }) body: PublicEvent;
  @Column({ type: 'bigint' }) position: string;
  @Index('public_events_created_idx')
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
