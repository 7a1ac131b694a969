import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One accepted EPCIS capture: the document as received, and which lots its events went to. */
@Entity({ name: 'captures' })
export class Capture {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'partner_id' })
  partnerId: string;

  @Column({ type: 'integer', name: 'event_count' })
  eventCount: number;

  @Column({ type: 'jsonb', name: 'lot_ids' })
  lotIds: string[];

  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
