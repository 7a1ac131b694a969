import { FarmEventKinds, SupplyChainEventKinds, type ShipmentFacts } from '@app/contracts';
import { farmEventToEpcis } from '../epcis/farm-event.mapper';
import { shipmentToEpcis } from '../epcis/shipment-event.mapper';
import { CAPTURED_BY, entryFacts, isDiaryKind } from './entry-facts';

const LOT = { epcClass: 'https://id.gs1.org/01/09520000000017/10/TEST0001', unit: 'kg' };
const RECORDED = '2026-06-16T01:02:03.456Z';

const farm = (kind: (typeof FarmEventKinds)[number], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...farmEventToEpcis(
    { lotId: 'x', kind, occurredAt: '2026-06-12T06:00:00+07:00', recordedBy: '  Nguyễn Văn Thắng ', ...extra },
    LOT,
    '07465',
  ),
  recordTime: RECORDED,
});

const shipment: ShipmentFacts = {
  shipmentId: 's1',
  orderId: 'o1',
  subOrderId: 'so1',
  sellerId: 'se1',
  partnerId: 'p1',
  carrierCode: 'VTP',
  trackingCode: 'VTP123',
  senderProvinceCode: '24',
  receiverProvinceCode: '01',
  receiverWardCode: '00004',
  itemsVnd: 1,
  shippingVnd: 1,
  codVnd: 2,
  lines: [],
};

describe('entry facts, read from the stored record', () => {
  it.each(FarmEventKinds)('a diary entry (%s): its activity, time and recorder as the mapper wrote them', (kind) => {
    const record = farm(kind);
    expect(record['@context']).toBeUndefined();
    expect(entryFacts(record)).toEqual({
      kind,
      occurredAt: new Date('2026-06-11T23:00:00.000Z'),
      recordedAt: new Date(RECORDED),
      recordedBy: 'Nguyễn Văn Thắng',
      captured: false,
    });
    expect(isDiaryKind(kind)).toBe(true);
  });

  it.each(SupplyChainEventKinds)('a shipment step (%s): recorded by the carrier', (kind) => {
    const record: Record<string, unknown> = {
      ...shipmentToEpcis(kind, shipment, '2026-06-20T10:00:00+07:00', { epcClass: LOT.epcClass }, '07465'),
      recordTime: RECORDED,
    };
    expect(record['@context']).toBeUndefined();
    expect(entryFacts(record)).toEqual({
      kind,
      occurredAt: new Date('2026-06-20T03:00:00.000Z'),
      recordedAt: new Date(RECORDED),
      recordedBy: 'VTP',
      captured: false,
    });
    expect(isDiaryKind(kind)).toBe(false);
  });

  it('an error declaration: declared by whoever its declaration names, at the original’s time', () => {
    const { recordTime: _r, ...original } = farm('spraying');
    const declaration = {
      ...original,
      errorDeclaration: { declarationTime: RECORDED, reason: 'incorrect_data', 'nongsan:declaredBy': 'Trần Thị Hoa' },
      recordTime: RECORDED,
    };
    expect(entryFacts(declaration)).toMatchObject({
      kind: 'error_declaration',
      occurredAt: new Date('2026-06-11T23:00:00.000Z'),
      recordedBy: 'Trần Thị Hoa',
      captured: false,
    });
    expect(isDiaryKind('error_declaration')).toBe(false);
    // Declarations stored before the declarer was recorded: the re-stated original's recorder.
    const older = { ...declaration, errorDeclaration: { declarationTime: RECORDED, reason: 'incorrect_data' } };
    expect(entryFacts(older)).toMatchObject({ kind: 'error_declaration', recordedBy: 'Nguyễn Văn Thắng' });
  });

  it('a captured event: captured whatever it says of itself, recorded by the recorder it names, if any', () => {
    const event = {
      '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
      type: 'ObjectEvent',
      eventTime: '2026-06-10T09:00:00+07:00',
      eventTimeZoneOffset: '+07:00',
      action: 'OBSERVE',
      bizStep: 'storing',
      recordTime: RECORDED,
    };
    expect(entryFacts(event)).toEqual({
      kind: 'captured',
      occurredAt: new Date('2026-06-10T02:00:00.000Z'),
      recordedAt: new Date(RECORDED),
      recordedBy: CAPTURED_BY,
      captured: true,
    });
    const speaksOurs = { ...event, 'nongsan:activity': 'spraying', 'nongsan:recordedBy': 'HTX Phượng Sơn', errorDeclaration: {} };
    expect(entryFacts(speaksOurs)).toMatchObject({ kind: 'captured', recordedBy: 'HTX Phượng Sơn', captured: true });
    expect(isDiaryKind('captured')).toBe(false);
  });

  it('a record naming no activity of ours is not taken for a diary entry', () => {
    expect(entryFacts({ ...farm('spraying'), 'nongsan:activity': 'watering' })).toMatchObject({ kind: 'captured' });
    const { 'nongsan:activity': _a, ...none } = farm('spraying');
    expect(entryFacts(none)).toMatchObject({ kind: 'captured' });
  });
});
