import type { DiaryFlag, LotEventView } from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import { preHarvestFlags, type DiaryFacts } from './diary-rules';
import { entryFacts, type EntryFacts } from '../chain/entry-facts';
import type { LotEvent } from '../chain/lot-event.entity';

/**
 * A stored entry as it is shown and as the diary rules see it: its position, event hash and link
 * (each checked by `verify`) and what its EPCIS record says, nothing from the row's other columns.
 */
export interface LotEntry extends EntryFacts {
  seq: number;
  eventId: string;
  epcis: Record<string, unknown>;
  chainHash: string;
}

export function lotEntry(row: LotEvent): LotEntry {
  return { seq: row.seq, eventId: row.eventId, epcis: row.epcis, chainHash: row.chainHash, ...entryFacts(row.epcis) };
}

/** Vietnam time of a record's time; a value that names no instant (only in an altered record) as it is. */
export function shownTime(at: Date, raw: unknown): string {
  if (!Number.isNaN(at.getTime())) return toVietnamIso(at);
  return typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? '');
}

/** The facts the diary rules need, with each entry marked if a later error declaration withdrew it. */
export function diaryFacts(entries: LotEntry[]): DiaryFacts[] {
  const withdrawn = new Set(entries.filter((e) => e.kind === 'error_declaration').map((e) => e.eventId));
  return entries
    .filter((e) => e.kind !== 'error_declaration')
    .map((e) => ({
      eventId: e.eventId,
      kind: e.kind,
      occurredAt: e.occurredAt,
      preHarvestIntervalDays:
        typeof e.epcis['nongsan:preHarvestIntervalDays'] === 'number' ? e.epcis['nongsan:preHarvestIntervalDays'] : undefined,
      corrected: withdrawn.has(e.eventId),
    }));
}

export function flagsOf(entry: LotEntry, facts: DiaryFacts[]): DiaryFlag[] {
  const self = facts.find((f) => f.eventId === entry.eventId && entry.kind !== 'error_declaration');
  return self && !self.corrected ? preHarvestFlags(self, facts) : [];
}

export function lotEventView(entry: LotEntry, flags: DiaryFlag[]): LotEventView {
  return {
    seq: entry.seq,
    eventId: entry.eventId,
    kind: entry.kind,
    occurredAt: shownTime(entry.occurredAt, entry.epcis.eventTime),
    recordedAt: shownTime(entry.recordedAt, entry.epcis.recordTime),
    recordedBy: entry.recordedBy,
    flags,
    epcis: entry.epcis,
    chainHash: entry.chainHash,
  };
}
