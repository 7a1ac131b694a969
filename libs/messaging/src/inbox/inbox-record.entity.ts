import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** "This consumer has applied this event": written in the same transaction as the effect. */
@Entity({ name: 'inbox' })
export class InboxRecord {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text', name: 'event_type' })
  eventType: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'processed_at' })
  processedAt: Date;
}
