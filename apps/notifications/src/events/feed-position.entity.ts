import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/persistence';
import type { EventOwnerRole } from '@app/contracts';

/**
 * The last feed position given to an owner's events. Taking the next one locks the owner's row
 * until the storing transaction ends, so positions are handed out in commit order: an event that
 * commits later always has a higher position than every event a poller has already seen.
 */
@Entity({ name: 'feed_positions' })
export class FeedPositionRecord {
  @PrimaryColumn({ type: 'text', name: 'owner_role' }) ownerRole: EventOwnerRole;
  @PrimaryColumn({ type: 'text', name: 'owner_id' }) ownerId: string;
  @Column({ type: 'bigint', transformer: bigintTransformer }) value: number;
}
