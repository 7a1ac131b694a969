import { genesisHash, linkHash, recordDigestV1, recordDigestV2, stableJson } from './chain-hash';
import { xorshift32 } from '../../../../test/support/xorshift';

/** The definition, written the obvious way: what the one-pass serialiser must always agree with. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Random JSON values (xorshift32, reproducible) with the keys that order differently in jsonb, JavaScript and UTF-16. */
function randomJson(seed: number): () => unknown {
  const next = xorshift32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)];
  const keys = [
    'a',
    'b',
    'ab',
    'B',
    '10',
    '9',
    '0',
    '-1',
    'é',
    'Z',
    'ư',
    '😀',
    'a b',
    'q"uote',
    'back\\slash',
    'nl\n',
    '',
    'eventID',
    'nongsan:x',
  ];
  const leaves = [0, -0, 1, 2.5, 1e21, 1e-7, -3, true, false, null, '', 'Nguyễn Văn Thắng', '"\\\n\t\u0001', '😀', 'a'];
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.5) return pick(leaves);
    if (r < 0.7) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(next() * 6) }, () => [pick(keys), value(depth + 1)]));
  };
  return () => value(0);
}

describe('chain hash', () => {
  it('serialises like the sort-every-level definition, for any JSON value', () => {
    const next = randomJson(6);
    for (let i = 0; i < 20_000; i++) {
      const v = next();
      expect(stableJson(v)).toBe(reference(v));
    }
  });

  it('gives one text whatever the key order, skipping undefined members as JSON does', () => {
    const a = { b: [1, { y: 2, x: 'é' }], a: 'x', '10': 1, '9': 2, skipped: undefined };
    const b = { '9': 2, a: 'x', b: [1, { x: 'é', y: 2 }], '10': 1 };
    expect(stableJson(a)).toBe('{"10":1,"9":2,"a":"x","b":[1,{"x":"é","y":2}]}');
    expect(stableJson(b)).toBe(stableJson(a));
  });

  it('keeps the link formats: any change here breaks every stored chain', () => {
    // Version 1's values are from the first implementation (ADR 0010).
    const record = {
      type: 'ObjectEvent',
      eventTime: '2026-03-01T00:00:00.000Z',
      'nongsan:recordedBy': 'Thắng',
      quantityList: [{ quantity: 2.5 }],
    };
    const genesis = genesisHash('0190f5c8-0000-7000-8000-000000000001');
    expect(genesis).toBe('35ccc13d413233f314d0203d5719b7bda7f792676da6ac9212564066e571fce6');
    expect(linkHash(genesis, 'ni:///sha-256;00?ver=CBV2.0', recordDigestV1(record))).toBe(
      'ca842b3cce1957a1242e461c97e639266436dafcc053729b06e58eea4869bff7',
    );
    // Version 2 digests jsonb's text as PostgreSQL prints it (keys by length, then bytes; `, ` and `: `).
    const jsonbText =
      '{"type": "ObjectEvent", "eventTime": "2026-03-01T00:00:00.000Z", "quantityList": [{"quantity": 2.5}], "nongsan:recordedBy": "Thắng"}';
    expect(recordDigestV2(jsonbText)).toBe('e0cfa658ef4f2a467a36a334a124ef997df38f33b532459bbd6c08e24ebda855');
    expect(recordDigestV2(jsonbText)).not.toBe(recordDigestV1(record));
  });
});
