import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { LotEventKind } from '@app/contracts';
import type { LinkVersion } from './chain-hash';

/**
 * One entry of a lot's history, append-only: the EPCIS event as stored, its event hash, and the
 * chain hash committing to it and to every entry before it. Corrections are new entries.
 *
 * `kind`, `occurred_at`, `recorded_at` and `recorded_by` are copies of what the record says, written
 * with it for SQL (queries, operations checks) and outside the chain: nothing shown and no rule
 * reads them (`lotEntry` reads the record; ADR 0013).
 */
@Entity({ name: 'lot_events' })
@Unique('lot_events_lot_seq_key', ['lotId', 'seq'])
@Check('lot_events_link_version', 'link_version IN (1, 2)')
// Partial unique index (lot_id, source_ref) WHERE source_ref IS NOT NULL: DB-only, see the migration.
@Index('lot_events_source_ref_key', { synchronize: false })
export class LotEvent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'lot_id' })
  lotId: string;

  /** 1-based position in the lot's chain. */
  @Column({ type: 'integer' })
  seq: number;

  /** Copy of the record's (`entryFacts`); not chained. */
  @Column({ type: 'text' })
  kind: LotEventKind;

  /** EPCIS event hash ID, `ni:///sha-256;…?ver=CBV2.0`. */
  @Index('lot_events_event_id_idx')
  @Column({ type: 'text', name: 'event_id' })
  eventId: string;

  /** Copy of the record's `eventTime`; not chained. */
  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  /** Copy of the record's `recordTime`; not chained. */
  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt: Date;

  /** Copy of the record's recorder (`entryFacts`); not chained. */
  @Column({ type: 'text', name: 'recorded_by' })
  recordedBy: string;

  /** `diary`, `shipment`, `capture`: where the entry came from (bookkeeping; not chained, not shown). */
  @Column({ type: 'text' })
  source: 'diary' | 'shipment' | 'capture';

  /** What produced it (e.g. `shipment:<id>:delivered`), so a replayed input adds nothing. */
  @Column({ type: 'text', name: 'source_ref', nullable: true })
  sourceRef: string | null;

  @Column({ type: 'uuid', name: 'capture_id', nullable: true })
  captureId: string | null;

  /** The EPCIS 2.0 event (JSON-LD; only a captured event keeps an @context, its document's): the entry as chained. */
  @Column({ type: 'jsonb' })
  epcis: Record<string, unknown>;

  /** Hex SHA-256 over the previous chain hash, this event hash and the digest of the stored record. */
  @Column({ type: 'text', name: 'chain_hash' })
  chainHash: string;

  /** How `chainHash` digests the stored record (`LinkVersion`, ADR 0012): 1 before that, 2 since. */
  @Column({ type: 'smallint', name: 'link_version' })
  linkVersion: LinkVersion;
}
