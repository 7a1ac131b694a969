import type { VerificationView } from '@app/contracts';
import { genesisHash, linkHash, recordDigestV1, recordDigestV2 } from './chain-hash';

/** One stored entry as verification reads it: the record as jsonb's text, parsed here once. */
export interface ChainRow {
  seq: number;
  eventId: string;
  /** `LinkVersion` as stored; anything else breaks the chain there. */
  linkVersion: number;
  /** The stored EPCIS record as PostgreSQL prints it (`epcis::text`). */
  record: string;
  chainHash: string;
}

export type ChainVerdict = Pick<VerificationView, 'intact' | 'eventCount' | 'brokenAt' | 'reason' | 'headHash'>;

type Reason = NonNullable<ChainVerdict['reason']>;

/**
 * Recomputes a lot's chain from its stored entries, one at a time in chain order (so entries can
 * be checked while later ones are still being read): each event's hash from its stored content,
 * each link from the one before and the digest of the whole stored record. The first entry that
 * does not match is where the history was rewritten.
 */
export class ChainVerifier {
  private previous: string;
  private rows = 0;
  private broken: { seq: number; reason: Reason } | null = null;

  constructor(
    lotId: string,
    private readonly hashOf: (epcis: Record<string, unknown>) => string,
  ) {
    this.previous = genesisHash(lotId);
  }

  /** The next stored entry. After the first bad one, entries are only counted. */
  add(row: ChainRow): void {
    const position = ++this.rows;
    if (this.broken) return;
    if (row.seq !== position) return this.break(position, 'event_missing');
    const epcis = JSON.parse(row.record) as Record<string, unknown>;
    const eventId = this.hashOf(epcis);
    if (eventId !== row.eventId) return this.break(row.seq, 'event_altered');
    const digest = row.linkVersion === 2 ? recordDigestV2(row.record) : row.linkVersion === 1 ? recordDigestV1(epcis) : null;
    const link = digest === null ? null : linkHash(this.previous, eventId, digest);
    if (link === null || link !== row.chainHash) return this.break(row.seq, 'chain_altered');
    this.previous = link;
  }

  /** After the last entry: the verdict against where the lot says its chain ends. */
  verdict(expected: { eventCount: number; chainHead: string | null }): ChainVerdict {
    const rows = this.rows;
    const broken = (seq: number, reason: Reason): ChainVerdict => ({
      intact: false,
      eventCount: rows,
      brokenAt: seq,
      reason,
      headHash: null,
    });
    if (this.broken) return broken(this.broken.seq, this.broken.reason);
    if (rows < expected.eventCount) return broken(rows + 1, 'event_missing');
    if (rows > 0 && expected.chainHead !== this.previous) return broken(rows, 'chain_altered');
    return { intact: true, eventCount: rows, brokenAt: null, reason: null, headHash: rows > 0 ? this.previous : null };
  }

  private break(seq: number, reason: Reason): void {
    this.broken = { seq, reason };
  }
}
