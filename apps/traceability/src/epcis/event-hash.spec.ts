import { createHash } from 'node:crypto';
import { canonicalIdentifier } from './cbv';
import { EXPORT_PREFIXES, prefixesFor } from './epcis-context';
import { canonicalTime, EventHasher } from './event-hash';
import { xorshift32 } from '../../../../test/support/xorshift';

/** Deterministic pseudo-random events reaching every branch of the pre-hash (xorshift32, so the corpus never changes). */
function randomEvents(count: number, seed: number): Record<string, unknown>[] {
  const next = xorshift32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)];
  const some = <T>(f: () => T, max: number) => Array.from({ length: Math.floor(next() * (max + 1)) }, f);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = () =>
    next() < 0.5
      ? new Date(Math.floor(next() * 4e12)).toISOString()
      : `${pick([' ', ''])}${pick(['2024', '2026', '1900', '2100'])}-${two(1 + Math.floor(next() * 12))}-${two(pick([1, 15, 28, 29, 30, 31]))}` +
        `T${two(pick([0, 7, 23]))}:${two(pick([0, 30, 59]))}:${two(pick([0, 7, 59]))}` +
        `${pick(['', '.1', '.123', '.1234', '.9995'])}${pick(['Z', 'z', '+07:00', '-06:00'])}`;
  const ids = [
    'urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:class:lgtin:952000.0000001.BENCH001', 'urn:epc:idpat:sgtin:4012345.098765.*',
    'urn:epc:id:sscc:4012345.0000000333', 'urn:epc:id:sgln:4012345.00011.987', 'urn:epc:id:sgln:4012345.00011.0',
    'urn:epc:id:pgln:4012345.00000', 'https://id.gs1.org/01/09520000000017/10/BENCH001', 'https://brand.example/01/09520123456788/10/ABC/21/7?x=1',
    'urn:uuid:1c9c4f1e-0000-4000-8000-000000000000', 'geo:21.3,106.5', 'nongsan:ward/07465', ' spaced ', 'gs1:Thing', 'urn:epc:id:grai:4012345.55555.1',
  ]; // prettier-ignore
  const vocab = [
    'shipping', 'in_transit', 'urn:epcglobal:cbv:bizstep:shipping', 'urn:epcglobal:cbv:disp:active', 'nongsan:BizStep-x', ' shipping ',
    'Weird Step', 'po', 'owning_party', 'urn:epcglobal:cbv:btt:po', 'https://ns.nongsan.vn/epcis/BizStep-planting',
  ]; // prettier-ignore
  const leaf = () =>
    pick<unknown>([
      'Nguyễn Văn Thắng',
      ' NPK 16-16-8 ',
      '',
      'nongsan:x',
      'gs1:Temperature',
      'http://a.b/c',
      2.5,
      7,
      0,
      -1.25,
      1e21,
      1e-7,
      true,
      false,
      null,
      '漢字',
    ]);
  const key = () =>
    pick([
      'nongsan:input',
      'nongsan:note',
      'hoptac:temperatureC',
      'https://ex.example/ns#thing',
      'https://ex.example/ns/other',
      'plain',
      'cbvmda:harvestStartDate',
      '@id',
      'unknown:pfx',
    ]);
  const ext = (depth: number): unknown => {
    const r = next();
    if (depth > 2 || r < 0.55) return leaf();
    if (r < 0.7) return some(() => ext(depth + 1), 3);
    if (r < 0.78) return { '#text': leaf() };
    return Object.fromEntries(some(() => [key(), ext(depth + 1)], 3));
  };
  const quantity = () => ({
    epcClass: pick(ids),
    ...(next() < 0.7 ? { quantity: pick([10, 2.5, 500, 0.1, 3.0]) } : {}),
    ...(next() < 0.6 ? { uom: pick(['KGM', ' GRM']) } : {}),
  });
  const fields: [string, () => unknown][] = [
    ['eventTime', time], ['eventTimeZoneOffset', () => pick(['+07:00', '-06:00', '', ' +07:00'])], ['recordTime', time], ['eventID', () => 'ni:///x'],
    ['epcList', () => some(() => pick(ids), 3)], ['parentID', () => pick(ids)], ['inputEPCList', () => some(() => pick(ids), 2)],
    ['childEPCs', () => [pick(ids)]], ['outputEPCList', () => [pick(ids)]], ['quantityList', () => some(quantity, 2)],
    ['childQuantityList', () => [quantity()]], ['inputQuantityList', () => some(quantity, 2)], ['outputQuantityList', () => [quantity()]],
    ['action', () => pick(['ADD', 'OBSERVE', ''])], ['transformationID', () => pick(ids)], ['bizStep', () => pick(vocab)], ['disposition', () => pick(vocab)],
    ['persistentDisposition', () => ({ set: [pick(vocab)], ...(next() < 0.5 ? { unset: [pick(vocab), pick(vocab)] } : {}) })],
    ['readPoint', () => ({ id: pick(ids), ...(next() < 0.3 ? { [key()]: ext(1) } : {}) })], ['bizLocation', () => ({ id: pick(ids) })],
    ['bizTransactionList', () => [{ type: pick(vocab), bizTransaction: pick(ids) }, { bizTransaction: ' http://t.example/po/1 ' }]],
    ['sourceList', () => [{ type: pick(vocab), source: pick(ids) }]], ['destinationList', () => [{ type: pick(vocab), destination: pick(ids) }, { destination: pick(ids) }]],
    ['sensorElementList', () => [{
      sensorMetadata: { time: time(), deviceID: pick(ids), deviceMetadata: 'gs1:dm', [key()]: ext(2) },
      sensorReport: [{ type: 'gs1:Temperature', value: pick([4, 26.5]), uom: 'CEL', time: time() }, { type: 'gs1:Humidity', value: 12, component: 'gs1:x' }],
      [key()]: ext(2),
    }]],
    ['ilmd', () => ({ 'cbvmda:harvestStartDate': '2026-02-28', ...(next() < 0.5 ? { [key()]: ext(1) } : {}) })],
    ['errorDeclaration', () => ({ declarationTime: time(), reason: 'incorrect_data' })], ['certificationInfo', () => 'x'], ['@context', () => ['x']],
  ]; // prettier-ignore
  return Array.from({ length: count }, () => {
    const e: [string, unknown][] = [['type', pick(['ObjectEvent', 'AggregationEvent', 'TransformationEvent', 'TransactionEvent'])]];
    for (const [k, f] of fields) if (next() < 0.45) e.push([k, f()]);
    e.push(...some((): [string, unknown] => [key(), ext(0)], 5));
    // Any key order, as other serialisations would write it.
    for (let i = e.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [e[i], e[j]] = [e[j], e[i]];
    }
    return Object.fromEntries(e);
  });
}

/**
 * The test vector is GS1's: the single-event example of the reference implementation
 * (RalphTro/epcis-event-hash-generator, tests/examples/epcisDocWithSingleEvent.*) with its
 * published pre-hash string and CBV 2.0 hash.
 */
describe('EPCIS event hash (CBV 2.0)', () => {
  const reference = {
    type: 'ObjectEvent',
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    epcList: ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.107346.2018'],
    eventTime: '2022-02-16T20:33:31.116000-06:00',
    eventTimeZoneOffset: '-06:00',
    readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
    bizTransactionList: [{ type: 'po', bizTransaction: 'http://transaction.acme.com/po/12345678' }],
  };
  const hasher = new EventHasher(
    prefixesFor(['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { gs1: 'https://gs1.org/voc/' }]),
  );

  it('reproduces the reference pre-hash string and hash', () => {
    expect(hasher.preHash(reference)).toBe(
      'eventType=ObjectEventeventTime=2022-02-17T02:33:31.116ZeventTimeZoneOffset=-06:00' +
        'epcListepc=https://id.gs1.org/01/10614141073464/21/2017epc=https://id.gs1.org/01/10614141073464/21/2018' +
        'action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shippingdisposition=https://ref.gs1.org/cbv/Disp-in_transit' +
        'readPointid=https://id.gs1.org/414/0614141073467/254/1234' +
        'bizTransactionListbizTransaction=http://transaction.acme.com/po/12345678type=https://ref.gs1.org/cbv/BTT-po',
    );
    expect(hasher.hash(reference)).toBe('ni:///sha-256;3e0f2437f4cb5e8a1b832b769c0eed1bf3e1421f14061132e9800ded03f10182?ver=CBV2.0');
  });

  it('gives the same hash for other spellings of the same event', () => {
    const respelled = {
      eventTimeZoneOffset: '-06:00',
      eventTime: '2022-02-17T02:33:31.116Z',
      type: 'ObjectEvent',
      epcList: ['https://example.com/01/10614141073464/21/2018?linkType=all', 'urn:epc:id:sgtin:0614141.107346.2017'],
      action: 'OBSERVE',
      bizStep: 'urn:epcglobal:cbv:bizstep:shipping',
      disposition: 'https://ref.gs1.org/cbv/Disp-in_transit',
      readPoint: { id: 'https://id.gs1.org/414/0614141073467/254/1234' },
      bizTransactionList: [{ bizTransaction: ' http://transaction.acme.com/po/12345678 ', type: 'urn:epcglobal:cbv:btt:po' }],
      eventID: 'urn:uuid:6d4c8e52-1a1f-4c5e-9a0c-3f2f8f1b2a10',
      recordTime: '2030-01-01T00:00:00Z',
    };
    expect(hasher.hash(respelled)).toBe(hasher.hash(reference));
  });

  it('changes when any hashed value changes, a field is added, or an extension changes', () => {
    const base = hasher.hash(reference);
    expect(hasher.hash({ ...reference, disposition: 'in_progress' })).not.toBe(base);
    expect(hasher.hash({ ...reference, bizLocation: { id: 'urn:epc:id:sgln:0614141.07346.0' } })).not.toBe(base);
    const ext = new EventHasher(EXPORT_PREFIXES);
    const a = ext.hash({ ...reference, 'nongsan:input': 'Abamectin 3.6EC', 'nongsan:preHarvestIntervalDays': 7 });
    const b = ext.hash({ ...reference, 'nongsan:preHarvestIntervalDays': 7, 'nongsan:input': 'Abamectin 3.6EC' });
    const c = ext.hash({ ...reference, 'nongsan:input': 'Abamectin 3.6EC', 'nongsan:preHarvestIntervalDays': 3 });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a).not.toBe(base);
  });

  it('writes extensions as {namespace}name=value, nested after their parent, siblings sorted', () => {
    const s = new EventHasher(EXPORT_PREFIXES).preHash({
      type: 'ObjectEvent',
      eventTime: '2026-03-01T07:00:00+07:00',
      eventTimeZoneOffset: '+07:00',
      action: 'OBSERVE',
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.099988.2014-02-10', quantity: 2030.0, uom: 'KGM' }],
      ilmd: { 'cbvmda:harvestStartDate': '2026-02-28' },
      'nongsan:certificate': { 'nongsan:scheme': 'VietGAP', 'nongsan:certificateNo': 'VG-1' },
    });
    expect(s).toBe(
      'eventType=ObjectEventeventTime=2026-03-01T00:00:00.000ZeventTimeZoneOffset=+07:00' +
        'quantityListquantityElementepcClass=https://id.gs1.org/01/04012345999884/10/2014-02-10quantity=2030uom=KGM' +
        'action=OBSERVEilmd{urn:epcglobal:cbv:mda:}harvestStartDate=2026-02-28' +
        '{https://ns.nongsan.vn/epcis/}certificate{https://ns.nongsan.vn/epcis/}certificateNo=VG-1{https://ns.nongsan.vn/epcis/}scheme=VietGAP',
    );
    expect(createHash('sha256').update(s).digest('hex')).toHaveLength(64);
  });

  it('gives 3,000 varied events the pre-hash strings they have always had', () => {
    // The digest was taken from the first implementation (ADR 0011) before verification was made
    // faster: stored event hashes must keep matching, so any change here is a change of the hash.
    const h = new EventHasher(
      prefixesFor([
        'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
        { nongsan: 'https://ns.nongsan.vn/epcis/', hoptac: 'https://htx.example.vn/epcis/' },
      ]),
    );
    const all = createHash('sha256');
    for (const e of randomEvents(3000, 20261123)) all.update(`${h.preHash(e as never)}\n`);
    expect(all.digest('hex')).toBe('e4b5ba391963dda3dd40f797346434a5cc0cd1394d0bfcba06c170cde70617e9');
  });

  it.each([
    ['2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
    [' 2024-02-29T23:59:59.999Z ', '2024-02-29T23:59:59.999Z'],
    ['2026-02-29T10:00:00.000Z', '2026-03-01T10:00:00.000Z'], // not a day: the date rolls over, as it always has
    ['2026-04-31T10:00:00.000Z', '2026-05-01T10:00:00.000Z'],
    ['2026-01-01T24:00:00.000Z', '2026-01-02T00:00:00.000Z'],
    ['2026-03-01T07:00:00+07:00', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T00:00:00.1234Z', '2026-03-01T00:00:00.123Z'],
    ['2026-03-01T00:00:00.1235Z', '2026-03-01T00:00:00.124Z'],
    ['2026-03-01T00:00:00.9996Z', '2026-03-01T00:00:01.000Z'],
  ])('normalises time %s to %s', (input, expected) => {
    expect(canonicalTime(input)).toBe(expected);
  });

  it.each([
    ['urn:epc:id:sscc:4012345.0000000333', 'https://id.gs1.org/00/040123450000003338'], // SSCC-18 with its check digit,
    ['urn:epc:id:sgln:4012345.00011.987', 'https://id.gs1.org/414/4012345000115/254/987'],
    ['https://brand.example/01/09520123456788/10/ABC/21/7?x=1', 'https://id.gs1.org/01/09520123456788/21/7'],
    ['urn:uuid:1c9c4f1e-0000-4000-8000-000000000000', 'urn:uuid:1c9c4f1e-0000-4000-8000-000000000000'],
  ])('canonicalises identifier %s', (input, expected) => {
    expect(canonicalIdentifier(input, EXPORT_PREFIXES)).toBe(expected);
  });
});
