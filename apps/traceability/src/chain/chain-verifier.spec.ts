import { EXPORT_PREFIXES } from '../epcis/epcis-context';
import { EventHasher } from '../epcis/event-hash';
import { farmEventToEpcis } from '../epcis/farm-event.mapper';
import { genesisHash, linkHash, recordDigestV1, recordDigestV2, type LinkVersion } from './chain-hash';
import { ChainVerifier, type ChainRow } from './chain-verifier';

const LOT = '0190f5c8-0000-7000-8000-000000000001';
const hasher = new EventHasher(EXPORT_PREFIXES);
const hashOf = (e: Record<string, unknown>) => hasher.hash(e as never);
const lotClass = { epcClass: 'https://id.gs1.org/01/09520000000017/10/TEST0001', unit: 'kg' };

type Json = Record<string, unknown>;

/**
 * The text a record is read back as. Version 2 links digest it as it is, so it stands for jsonb's
 * text here (any fixed serialisation does, the verifier only needs it to be what was digested);
 * version 1 links must not depend on it, so those rows come back with their keys reversed.
 */
const readBack = (record: Json, version: LinkVersion) =>
  version === 2 ? JSON.stringify(record) : JSON.stringify(Object.fromEntries(Object.entries(record).reverse()));

/** A lot's chain as the append code writes it: `versions[i]` links entry i + 1 (entries before ADR 0012 are version 1). */
function chain(versions: LinkVersion[], lotId = LOT): { rows: ChainRow[]; head: string } {
  let previous = genesisHash(lotId);
  const rows = versions.map((linkVersion, i) => {
    const epcis: Json = {
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
    const record = readBack(epcis, linkVersion);
    previous = linkHash(previous, eventId, linkVersion === 2 ? recordDigestV2(record) : recordDigestV1(epcis));
    return { seq: i + 1, eventId, linkVersion, record, chainHash: previous };
  });
  return { rows, head: previous };
}

function verify(rows: ChainRow[], expected: { eventCount: number; chainHead: string | null }, lotId = LOT) {
  const verifier = new ChainVerifier(lotId, hashOf);
  for (const row of rows) verifier.add(row);
  return verifier.verdict(expected);
}

/** A copy of the chain with one stored row changed, as someone with database access would. */
function tampered(rows: ChainRow[], seq: number, change: (row: ChainRow, record: Json) => void): ChainRow[] {
  return rows.map((r) => {
    if (r.seq !== seq) return r;
    const copy = { ...r };
    const record = JSON.parse(r.record) as Json;
    change(copy, record);
    if (copy.record === r.record) copy.record = JSON.stringify(record);
    return copy;
  });
}

describe.each<[string, LinkVersion[]]>([
  ['version 1 (before ADR 0012)', [1, 1, 1, 1, 1, 1]],
  ['version 2', [2, 2, 2, 2, 2, 2]],
  ['versions 1 then 2 (a lot from before the upgrade, continued)', [1, 1, 2, 2, 2, 2]],
])('chain verifier, links of %s', (_name, versions) => {
  const { rows, head } = chain(versions);
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

  it.each<[string, (r: ChainRow, record: Json) => void, string]>([
    ['a hashed field of the event', (_r, e) => ((e.quantityList as { quantity: number }[])[0].quantity = 900), 'event_altered'],
    ['the stored event hash', (r, e) => (r.eventId = hashOf({ ...e, action: 'ADD' })), 'event_altered'],
    ['a field the event hash leaves out (recordTime)', (_r, e) => (e.recordTime = '2020-01-01T00:00:00.000Z'), 'chain_altered'],
    ['an error declaration slipped in', (_r, e) => (e.errorDeclaration = { declarationTime: '2026-03-02T00:00:00.000Z' }), 'chain_altered'],
    // The EPCIS hash trims values, so this edit keeps the event hash: the record digest still sees it.
    ['a value changed only where the event hash normalises', (_r, e) => (e['nongsan:input'] = 'NPK 16-16-8 '), 'chain_altered'],
    ['the eventID inside the record', (_r, e) => (e.eventID = 'ni:///sha-256;00?ver=CBV2.0'), 'chain_altered'],
    ['the stored link', (r) => (r.chainHash = linkHash('0'.repeat(64), r.eventId, recordDigestV2(r.record))), 'chain_altered'],
    ['the stored link version', (r) => (r.linkVersion = r.linkVersion === 1 ? 2 : 1), 'chain_altered'],
    ['the stored link version, to one that does not exist', (r) => (r.linkVersion = 3), 'chain_altered'],
  ])('reports the first entry whose %s was changed', (_what, change, reason) => {
    for (const seq of [1, 3, 6]) {
      expect(verify(tampered(rows, seq, change), expected)).toEqual({
        intact: false,
        eventCount: 6,
        brokenAt: seq,
        reason,
        headHash: null,
      });
    }
  });

  it('reports the first of several changed entries, counting the rest', () => {
    const twice = tampered(
      tampered(rows, 5, (_r, e) => (e.action = 'ADD')),
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
    const other = chain(versions, '0190f5c8-0000-7000-8000-0000000000ff');
    expect(verify(other.rows, { eventCount: 6, chainHead: other.head })).toMatchObject({ brokenAt: 1, reason: 'chain_altered' });
  });
});

describe('chain verifier, what each link version digests', () => {
  it('version 1: the record’s content, in whatever key order jsonb returns it', () => {
    const { rows, head } = chain([1, 1]);
    const reordered = rows.map((r) => ({ ...r, record: JSON.stringify(JSON.parse(r.record)) }));
    expect(verify(reordered, { eventCount: 2, chainHead: head })).toMatchObject({ intact: true });
  });

  it('version 2: the record’s text exactly (PostgreSQL prints one value one way, so other text is another value)', () => {
    const { rows, head } = chain([2, 2]);
    const respaced = rows.map((r) => (r.seq === 2 ? { ...r, record: JSON.stringify(JSON.parse(r.record), null, 1) } : r));
    expect(verify(respaced, { eventCount: 2, chainHead: head })).toMatchObject({ intact: false, brokenAt: 2, reason: 'chain_altered' });
  });
});
