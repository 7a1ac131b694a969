import type { DiaryFlag, LotEventView } from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import { preHarvestFlags, type DiaryFacts } from '../diary/diary-rules';
import type { LotEvent } from './lot-event.entity';

/** The facts the diary rules need, with each entry marked if a later error declaration withdrew it. */
export function diaryFacts(rows: LotEvent[]): DiaryFacts[] {
  const withdrawn = new Set(rows.filter((r) => r.kind === 'error_declaration').map((r) => r.eventId));
  return rows
    .filter((r) => r.kind !== 'error_declaration')
    .map((r) => ({
      eventId: r.eventId,
      kind: r.kind,
      occurredAt: r.occurredAt,
      preHarvestIntervalDays:
        typeof r.epcis['nongsan:preHarvestIntervalDays'] === 'number' ? r.epcis['nongsan:preHarvestIntervalDays'] : undefined,
      corrected: withdrawn.has(r.eventId),
    }));
}

export function flagsOf(row: LotEvent, facts: DiaryFacts[]): DiaryFlag[] {
  const self = facts.find((f) => f.eventId === row.eventId && row.kind !== 'error_declaration');
  return self && !self.corrected ? preHarvestFlags(self, facts) : [];
}

export function lotEventView(row: LotEvent, flags: DiaryFlag[]): LotEventView {
  return {
    seq: row.seq,
    eventId: row.eventId,
    kind: row.kind,
    occurredAt: toVietnamIso(row.occurredAt),
    recordedAt: toVietnamIso(row.recordedAt),
    recordedBy: row.recordedBy,
    flags,
    epcis: row.epcis,
    chainHash: row.chainHash,
  };
}
