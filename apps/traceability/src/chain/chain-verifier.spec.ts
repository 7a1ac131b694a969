import { EXPORT_PREFIXES } from '../epcis/epcis-context';
import { EventHasher } from '../epcis/event-hash';
import { farmEventToEpcis } from '../epcis/farm-event.mapper';
import { genesisHash, linkHash } from './chain-hash';
import { ChainVerifier, type ChainRow } from './chain-verifier';

const LOT = '0190f5c8-0000-7000-8000-000000000001';
const hasher = new EventHasher(EXPORT_PREFIXES);
const hashOf = (e: Record<string, unknown>) => hasher.hash(e as never);
const lotClass = { epcClass: 'https://id.gs1.org/01/09520000000017/10/TEST0001', unit: 'kg' };

/** A lot's chain as the append code writes it: each record with its recordTime and eventID, each link on the one before. */
function chain(length: number, lotId = LOT): { rows: ChainRow[]; head: string } {
  let previous = genesisHash(lotId);
  const rows = Array.from({ length }, (_, i) => {
    const epcis: Record<string, unknown> = {
      ...farmEventToEpcis(
        {
          lotId,
          kind: i % 2 ? 'spraying' : 'fertilizing',
          occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
          recordedBy: 'Nguyễn Văn Thắng',
          input: 'NPK 16-16-8',
          preHarvestIntervalDays: 7,
        },
        lotClass,
        '07465',
      ),
      recordTime: '2026-03-01T00:00:00.000Z',
    };
    const eventId = hashOf(epcis);
    epcis.eventID = eventId;
    previous = linkHash(previous, eventId, epcis);
    return { seq: i + 1, eventId, epcis, chainHash: previous };
  });
  return { rows, head: previous };
}

function verify(rows: ChainRow[], expected: { eventCount: number; chainHead: string | null }, lotId = LOT) {
  const verifier = new ChainVerifier(lotId, hashOf);
  for (const row of rows) verifier.add(row);
  return verifier.verdict(expected);
}

/** A copy of the chain with one stored row changed, as someone with database access would. */
function tampered(rows: ChainRow[], seq: number, change: (row: ChainRow) => void): ChainRow[] {
  return rows.map((r) => {
    if (r.seq !== seq) return r;
    const copy = { ...r, epcis: structuredClone(r.epcis) };
    change(copy);
    return copy;
  });
}

describe('chain verifier', () => {
  const { rows, head } = chain(6);
  const expected = { eventCount: 6, chainHead: head };

  it('finds an untouched chain intact and reports its head', () => {
    expect(verify(rows, expected)).toEqual({ intact: true, eventCount: 6, brokenAt: null, reason: null, headHash: head });
    expect(verify([], { eventCount: 0, chainHead: null })).toEqual({
      intact: true,
      eventCount: 0,
      brokenAt: null,
      reason: null,
      headHash: null,
    });
  });

  it.each<[string, (r: ChainRow) => void, string]>([
    ['a hashed field of the event', (r) => ((r.epcis.quantityList as { quantity: number }[])[0].quantity = 900), 'event_altered'],
    ['the stored event hash', (r) => (r.eventId = hashOf({ ...r.epcis, action: 'ADD' })), 'event_altered'],
    ['a field the event hash leaves out (recordTime)', (r) => (r.epcis.recordTime = '2020-01-01T00:00:00.000Z'), 'chain_altered'],
    [
      'an error declaration slipped in',
      (r) => (r.epcis.errorDeclaration = { declarationTime: '2026-03-02T00:00:00.000Z' }),
      'chain_altered',
    ],
    // The EPCIS hash trims values, so this edit keeps the event hash: the record digest still sees it.
    ['a value changed only where the event hash normalises', (r) => (r.epcis['nongsan:input'] = 'NPK 16-16-8 '), 'chain_altered'],
    ['the eventID inside the record', (r) => (r.epcis.eventID = 'ni:///sha-256;00?ver=CBV2.0'), 'chain_altered'],
    ['the stored link', (r) => (r.chainHash = linkHash(genesisHash(LOT), r.eventId, r.epcis)), 'chain_altered'],
  ])('reports the first entry whose %s was changed', (_what, change, reason) => {
    expect(verify(tampered(rows, 3, change), expected)).toEqual({ intact: false, eventCount: 6, brokenAt: 3, reason, headHash: null });
  });

  it('reports the first of several changed entries, counting the rest', () => {
    const twice = tampered(
      tampered(rows, 5, (r) => (r.epcis.action = 'ADD')),
      2,
      (r) => (r.chainHash = '0'.repeat(64)),
    );
    expect(verify(twice, expected)).toMatchObject({ brokenAt: 2, reason: 'chain_altered', eventCount: 6 });
  });

  it('reports deleted, swapped, extra and foreign entries, and a lot head that does not match', () => {
    expect(
      verify(
        rows.filter((r) => r.seq !== 4),
        expected,
      ),
    ).toMatchObject({ brokenAt: 4, reason: 'event_missing' });
    expect(verify(rows.slice(0, 5), expected)).toMatchObject({ brokenAt: 6, reason: 'event_missing' });
    const swapped = rows.map((r) => (r.seq === 2 ? { ...rows[2], seq: 2 } : r.seq === 3 ? { ...rows[1], seq: 3 } : r));
    expect(verify(swapped, expected)).toMatchObject({ brokenAt: 2, reason: 'chain_altered' });
    expect(verify([...rows, { ...rows[5], seq: 7 }], expected)).toMatchObject({ brokenAt: 7, reason: 'chain_altered' });
    expect(verify(rows, { eventCount: 6, chainHead: rows[4].chainHash })).toMatchObject({ brokenAt: 6, reason: 'chain_altered' });
    // Another lot's entries, whole: its chain starts from that lot's genesis.
    const other = chain(6, '0190f5c8-0000-7000-8000-0000000000ff');
    expect(verify(other.rows, { eventCount: 6, chainHead: other.head })).toMatchObject({ brokenAt: 1, reason: 'chain_altered' });
  });
});
