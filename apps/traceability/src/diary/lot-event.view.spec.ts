import type { FarmEventKind } from '@app/contracts';
import { farmEventToEpcis } from '../epcis/farm-event.mapper';
import { traceEntry } from '../trace/trace-entry';
import { LotEvent } from '../chain/lot-event.entity';
import { diaryFacts, flagsOf, lotEntry, lotEventView } from './lot-event.view';

const LOT = { epcClass: 'https://id.gs1.org/01/09520000000017/10/TEST0001', unit: 'kg' };

/** A stored row as the append writes it: the record, and the columns copying it. */
function row(seq: number, kind: FarmEventKind, occurredAt: string, extra: Record<string, unknown> = {}): LotEvent {
  const epcis = {
    ...farmEventToEpcis({ lotId: 'x', kind, occurredAt, recordedBy: 'Nguyễn Văn Thắng', ...extra }, LOT, '07465'),
    recordTime: '2026-06-16T00:00:00.000Z',
    eventID: `ni:///sha-256;${String(seq).padStart(64, '0')}?ver=CBV2.0`,
  };
  return Object.assign(new LotEvent(), {
    seq,
    kind,
    eventId: epcis.eventID,
    occurredAt: new Date(occurredAt),
    recordedAt: new Date(epcis.recordTime),
    recordedBy: 'Nguyễn Văn Thắng',
    source: 'diary',
    epcis,
    chainHash: '0'.repeat(64),
  });
}

const diary = () => [
  row(1, 'planting', '2026-01-10T07:00:00+07:00'),
  row(2, 'spraying', '2026-06-12T06:00:00+07:00', { input: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 }),
  row(3, 'harvesting', '2026-06-15T05:30:00+07:00', { quantity: 1200 }),
];

/** What a partner (the events list) and a buyer (the page) are shown of each entry. */
function shown(rows: LotEvent[]) {
  const entries = rows.map(lotEntry);
  const facts = diaryFacts(entries);
  return entries.map((e) => {
    const { seq, kind, occurredAt, recordedAt, recordedBy, flags } = lotEventView(e, flagsOf(e, facts));
    const page = traceEntry(e, flags, false);
    return { seq, kind, occurredAt, recordedAt, recordedBy, flags: flags.map((f) => f.code), page };
  });
}

describe('lot entries as shown, and the diary rules', () => {
  it('flags a harvest inside a spraying’s pre-harvest interval, in Vietnam time', () => {
    const [planting, spraying, harvest] = shown(diary());
    expect(planting).toMatchObject({ kind: 'planting', occurredAt: '2026-01-10T07:00:00+07:00', flags: [] });
    expect(spraying).toMatchObject({ kind: 'spraying', occurredAt: '2026-06-12T06:00:00+07:00', recordedBy: 'Nguyễn Văn Thắng' });
    expect(harvest.flags).toEqual(['pre_harvest_interval_violated']);
    expect(spraying.page.details).toContain('Thời gian cách ly: 7 ngày');
  });

  it('come from the records alone: the row’s columns, changed, change nothing shown or flagged', () => {
    const honest = shown(diary());
    const forged = diary();
    Object.assign(forged[0], { kind: 'inspection', source: 'capture' });
    Object.assign(forged[1], {
      occurredAt: new Date('2026-05-01T00:00:00Z'),
      recordedAt: new Date('2026-05-01T00:00:00Z'),
      recordedBy: 'Trạm BVTV huyện',
    });
    Object.assign(forged[2], { kind: 'packing' });
    expect(shown(forged)).toEqual(honest);
  });

  it('show a record’s time that names no instant (only an altered record has one) as it is', () => {
    const [planting] = diary();
    planting.epcis = { ...planting.epcis, eventTime: 'hôm qua' };
    expect(shown([planting])[0]).toMatchObject({ occurredAt: 'hôm qua', page: { occurredAt: 'hôm qua' } });
  });
});
