import { createHash } from 'node:crypto';
import { canonicalIdentifier } from './cbv';
import { EXPORT_PREFIXES, prefixesFor } from './epcis-context';
import { canonicalTime, EventHasher } from './event-hash';

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

  it.each([
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
