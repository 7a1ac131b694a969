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
 * be checked while later ones are still being read): each link from the one before, the entry's
 * stored event hash and the digest of its whole stored record. The first entry whose link does not
 * match is where the history was rewritten; there the event's hash is recomputed from its stored
 * content to say whether the event itself was changed (`event_altered`) or only its place in the
 * chain (`chain_altered`). A link that matches proves the entry's record and event hash are the
 * ones appended, so the event hash is not recomputed for it (ADR 0012, amendment).
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
    let epcis: Record<string, unknown> | undefined;
    const parsed = () => (epcis ??= JSON.parse(row.record) as Record<string, unknown>);
    const digest = row.linkVersion === 2 ? recordDigestV2(row.record) : row.linkVersion === 1 ? recordDigestV1(parsed()) : null;
    const link = digest === null ? null : linkHash(this.previous, row.eventId, digest);
    if (link !== null && link === row.chainHash) {
      this.previous = link;
      return;
    }
    return this.break(row.seq, this.eventHashOf(parsed()) === row.eventId ? 'chain_altered' : 'event_altered');
  }

  /** The record's EPCIS event hash; a record that cannot be hashed (not an event any more) has none. */
  private eventHashOf(epcis: Record<string, unknown>): string | null {
    try {
      return this.hashOf(epcis);
    } catch {
      return null;
    }
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
