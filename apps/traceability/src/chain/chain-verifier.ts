import type { VerificationView } from '@app/contracts';
import { genesisHash, linkHash } from './chain-hash';

export interface ChainRow {
  seq: number;
  eventId: string;
  epcis: Record<string, unknown>;
  chainHash: string;
}

export type ChainVerdict = Pick<VerificationView, 'intact' | 'eventCount' | 'brokenAt' | 'reason' | 'headHash'>;

/**
 * Recomputes a lot's chain from its stored events: each event's hash from its content, each link
 * from the one before. The first entry that does not match is where the history was rewritten.
 */
export function verifyChain(
  lotId: string,
  rows: ChainRow[],
  expected: { eventCount: number; chainHead: string | null },
  hashOf: (epcis: Record<string, unknown>) => string,
): ChainVerdict {
  let previous = genesisHash(lotId);
  const broken = (seq: number, reason: NonNullable<ChainVerdict['reason']>): ChainVerdict => ({
    intact: false,
    eventCount: rows.length,
    brokenAt: seq,
    reason,
    headHash: null,
  });
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.seq !== i + 1) return broken(i + 1, 'event_missing');
    const eventId = hashOf(row.epcis);
    if (eventId !== row.eventId) return broken(row.seq, 'event_altered');
    const link = linkHash(previous, eventId, row.epcis);
    if (link !== row.chainHash) return broken(row.seq, 'chain_altered');
    previous = link;
  }
  if (rows.length < expected.eventCount) return broken(rows.length + 1, 'event_missing');
  if (rows.length > 0 && expected.chainHead !== previous) return broken(rows.length, 'chain_altered');
  return { intact: true, eventCount: rows.length, brokenAt: null, reason: null, headHash: rows.length > 0 ? previous : null };
}
