import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ShipmentDeliveredV1, ShipmentStatusChangedV1, Topics, type ShipmentFacts } from '@app/contracts';
import { newEvent } from '@app/messaging';
import { serviceDatabaseUrl } from '@app/persistence';
import { Api, expectProblem } from '../support/api';
import { eventually, testKafka } from '../support/infra';

// Jest reads testTimeout only at the top level, not per project: these tests wait on Kafka round trips.
jest.setTimeout(120_000);
/** Automatic supply-chain entries, EPCIS capture, and tamper evidence of the hash chain. */
describe('traceability: supply chain, capture and tamper evidence', () => {
  const api = new Api();
  let partner: { key: string; partnerId: string };
  let otherPartner: string;
  let storefront: string;
  let sellerId: string;
  let lot: { id: string; traceCode: string; epcClass: string; gtin: string };
  let db: Client;

  const lotEvents = async () =>
    (await api.get(`/v1/lots/${lot.id}/events?limit=100`, { key: partner.key })).body.items as {
      seq: number;
      kind: string;
      epcis: Record<string, any>;
    }[];
  const verify = async () => (await api.get(`/v1/lots/${lot.id}/verify`, { key: storefront })).body;

  beforeAll(async () => {
    const issued = await api.issueKey('partner');
    partner = { key: issued.key, partnerId: issued.partnerId! };
    otherPartner = (await api.issueKey('partner')).key;
    storefront = (await api.issueKey('storefront')).key;
    const { wardsOf } = await import('@app/contracts');
    const wardCode = wardsOf('24')[0].code;
    sellerId = (
      await api.post(
        '/v1/sellers',
        {
          name: 'Hộ ông Nguyễn Văn Thắng',
          kind: 'household',
          orderAcceptance: 'auto',
          phone: '0987 654 321',
          address: { provinceCode: '24', wardCode, line: 'Thôn Đồng Vành' },
        },
        { key: partner.key },
      )
    ).body.id;
    lot = (await api.post('/v1/lots', { sellerId, productName: 'Vải thiều Lục Ngạn', unit: 'kg' }, { key: partner.key })).body;
    for (const [kind, days] of [
      ['planting', 100],
      ['harvesting', 2],
      ['packing', 1],
    ] as const) {
      const occurredAt = new Date(Date.now() - days * 86_400_000).toISOString();
      expect(
        (await api.post(`/v1/lots/${lot.id}/events`, { kind, occurredAt, recordedBy: 'Thắng', quantity: 500 }, { key: partner.key }))
          .status,
      ).toBe(201);
    }
    db = new Client({ connectionString: serviceDatabaseUrl(process.env.DATABASE_URL!, process.env.E2E_DB_NAME_PREFIX!, 'traceability') });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
  });

  it('records shipping and delivery automatically from shipment events, once each', async () => {
    const product = await api.post(
      '/v1/products',
      {
        sellerId,
        name: 'Vải thiều Lục Ngạn loại 1',
        categoryId: 'vai-nhan-chom-chom',
        unit: 'hộp 2 kg',
        priceVnd: 130000,
        stock: 50,
        weightGrams: 2000,
        lotId: lot.id,
      },
      { key: partner.key },
    );
    expect(product.status).toBe(201);
    const facts: ShipmentFacts = {
      shipmentId: uuidv7(),
      orderId: uuidv7(),
      subOrderId: uuidv7(),
      sellerId,
      partnerId: partner.partnerId,
      carrierCode: 'VTP',
      trackingCode: 'VTP123456789',
      senderProvinceCode: '24',
      receiverProvinceCode: '01',
      receiverWardCode: '00004',
      itemsVnd: 260000,
      shippingVnd: 30000,
      codVnd: 290000,
      lines: [
        {
          productId: product.body.id,
          name: 'Vải thiều',
          categoryId: 'vai-nhan-chom-chom',
          quantity: 2,
          unitPriceVnd: 130000,
          lotId: lot.id,
        },
      ],
    };
    // Give the product's catalog event time to reach traceability, so weights are known.
    await new Promise((r) => setTimeout(r, 1500));
    const pickedUp = newEvent(
      ShipmentStatusChangedV1,
      facts.shipmentId,
      {
        ...facts,
        from: 'requested',
        to: 'picked_up',
        carrierStatusCode: '103',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        location: null,
        reason: null,
      },
      '/test/orders',
    );
    const delivered = newEvent(
      ShipmentDeliveredV1,
      facts.shipmentId,
      { ...facts, deliveredAt: new Date().toISOString(), codCollectedVnd: 290000 },
      '/test/orders',
    );
    const producer = testKafka('trace-test').producer();
    await producer.connect();
    // The same delivery twice (redelivered) and once more under a new id (reported twice by the carrier).
    await producer.send({
      topic: Topics.ordersEvents,
      messages: [pickedUp, delivered, delivered, { ...delivered, id: uuidv7() }].map((e) => ({
        key: facts.shipmentId,
        value: JSON.stringify(e),
      })),
    });
    await producer.disconnect();
    const events = await eventually(
      async () => {
        const all = await lotEvents();
        return all.some((e) => e.kind === 'receiving') && all;
      },
      30000,
      'the receiving entry',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const kinds = (await lotEvents()).map((e) => e.kind);
    expect(kinds).toEqual(['planting', 'harvesting', 'packing', 'shipping', 'receiving']);
    const receiving = events.find((e) => e.kind === 'receiving')!;
    expect(receiving.epcis).toMatchObject({
      bizStep: 'receiving',
      disposition: 'retail_sold',
      quantityList: [{ epcClass: lot.epcClass, quantity: 4, uom: 'KGM' }],
      'nongsan:trackingCode': 'VTP123456789',
    });
  });

  const doc = (events: Record<string, unknown>[]) => ({
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { hoptac: 'https://htx.example.vn/epcis/' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-06-10T08:00:00+07:00',
    sender: 'Hệ thống truy xuất HTX',
    epcisBody: { eventList: events },
  });
  // The same lot as a URN, as many systems write it: company prefix . indicator + item reference . lot.
  const urnOfLot = () => `urn:epc:class:lgtin:952000.${lot.gtin[0]}${lot.gtin.slice(7, 13)}.${lot.traceCode}`;
  const coldStorage = () => ({
    type: 'ObjectEvent',
    eventTime: '2026-06-10T09:00:00+07:00',
    eventTimeZoneOffset: '+07:00',
    action: 'OBSERVE',
    bizStep: 'storing',
    quantityList: [{ epcClass: urnOfLot(), quantity: 500, uom: 'KGM' }],
    readPoint: { id: 'urn:epc:id:sgln:952000.00001.0' },
    'hoptac:temperatureC': 4,
  });

  it('captures a valid EPCIS document into the lot’s chain (202), found by the lot’s URN', async () => {
    const res = await api.post('/v1/epcis/capture', doc([coldStorage()]), { key: partner.key });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'accepted', eventCount: 1, lotIds: [lot.id] });
    expect((await api.get(`/v1/epcis/capture/${res.body.captureId}`, { key: partner.key })).body.lotIds).toEqual([lot.id]);
    expectProblem(await api.get(`/v1/epcis/capture/${res.body.captureId}`, { key: otherPartner }), 404, 'not_found');
    const last = (await lotEvents()).at(-1)!;
    expect(last).toMatchObject({ kind: 'captured', epcis: { bizStep: 'storing', 'hoptac:temperatureC': 4 } });
    expect(await verify()).toMatchObject({ intact: true, eventCount: 6 });
  });

  it.each([
    ['invalid against the schema', () => doc([{ ...coldStorage(), eventTimeZoneOffset: undefined }])],
    [
      'with one event about someone else’s lot',
      () =>
        doc([coldStorage(), { ...coldStorage(), quantityList: [{ epcClass: 'https://id.gs1.org/01/09520000000017/10/X', quantity: 1 }] }]),
    ],
    ['that is not an EPCISDocument', () => ({ hello: 'world' })],
  ])('refuses a document %s (422), storing nothing', async (_what, body) => {
    const res = await api.post('/v1/epcis/capture', JSON.parse(JSON.stringify(body())), { key: partner.key });
    expectProblem(res, 422, 'validation_failed');
    expect((await lotEvents()).length).toBe(6);
  });

  it('verifies an intact chain, then reports the event altered in the database', async () => {
    expect(await verify()).toMatchObject({ lotId: lot.id, intact: true, brokenAt: null, eventCount: 6 });
    // Someone with database access "improves" the harvest quantity of entry 2.
    await db.query(`UPDATE lot_events SET epcis = jsonb_set(epcis, '{quantityList,0,quantity}', '900') WHERE lot_id = $1 AND seq = 2`, [
      lot.id,
    ]);
    expect(await verify()).toMatchObject({ intact: false, brokenAt: 2, reason: 'event_altered' });
  });

  it('also catches a rewrite that recomputes the event hash but not the chain, and a deleted entry', async () => {
    await db.query(`UPDATE lot_events SET epcis = jsonb_set(epcis, '{quantityList,0,quantity}', '500') WHERE lot_id = $1 AND seq = 2`, [
      lot.id,
    ]);
    expect(await verify()).toMatchObject({ intact: true });
    await db.query(
      `UPDATE lot_events SET epcis = jsonb_set(epcis, '{recordTime}', '"2020-01-01T00:00:00.000Z"') WHERE lot_id = $1 AND seq = 4`,
      [lot.id],
    );
    expect(await verify()).toMatchObject({ intact: false, brokenAt: 4, reason: 'chain_altered' });
    await db.query(`DELETE FROM lot_events WHERE lot_id = $1 AND seq = 3`, [lot.id]);
    expect(await verify()).toMatchObject({ intact: false, brokenAt: 3, reason: 'event_missing' });
  });

  it('catches a change to any stored part of an entry, and an entry added behind the head; undone, the chain is intact again', async () => {
    const fresh = (await api.post('/v1/lots', { sellerId, productName: 'Vải thiều Lục Ngạn', unit: 'kg' }, { key: partner.key })).body;
    for (const [i, kind] of (['planting', 'fertilizing', 'spraying', 'harvesting'] as const).entries()) {
      const occurredAt = new Date(Date.now() - (40 - i * 10) * 86_400_000).toISOString();
      const body = {
        kind,
        occurredAt,
        recordedBy: 'Nguyễn Văn Thắng',
        quantity: 500,
        ...(kind === 'harvesting' ? {} : { input: 'NPK 16-16-8' }),
        ...(kind === 'spraying' ? { preHarvestIntervalDays: 7 } : {}),
      };
      expect((await api.post(`/v1/lots/${fresh.id}/events`, body, { key: partner.key })).status).toBe(201);
    }
    const check = async () => (await api.get(`/v1/lots/${fresh.id}/verify`, { key: storefront })).body;
    expect(await check()).toMatchObject({ intact: true, eventCount: 4 });
    const row = async (seq: number) =>
      (await db.query(`SELECT event_id, chain_hash, epcis, link_version FROM lot_events WHERE lot_id = $1 AND seq = $2`, [fresh.id, seq]))
        .rows[0] as {
        event_id: string;
        chain_hash: string;
        epcis: Record<string, unknown>;
        link_version: number;
      };
    const before = await row(3);
    const restore = () =>
      db.query(`UPDATE lot_events SET event_id = $3, chain_hash = $4, epcis = $5, link_version = $6 WHERE lot_id = $1 AND seq = $2`, [
        fresh.id,
        3,
        before.event_id,
        before.chain_hash,
        JSON.stringify(before.epcis),
        before.link_version,
      ]);
    const cases: [string, string, string][] = [
      ['its event hash', `event_id = 'ni:///sha-256;' || repeat('0', 64) || '?ver=CBV2.0'`, 'event_altered'],
      ['its chain link', `chain_hash = repeat('0', 64)`, 'chain_altered'],
      ['the version of its link', `link_version = 3 - link_version`, 'chain_altered'],
      // The EPCIS event hash trims values, so only the digest of the whole stored record sees this one.
      [
        'a value where the event hash normalises it away',
        `epcis = jsonb_set(epcis, '{nongsan:recordedBy}', to_jsonb((epcis->>'nongsan:recordedBy') || ' '))`,
        'chain_altered',
      ],
      ['its EPCIS eventID', `epcis = jsonb_set(epcis, '{eventID}', to_jsonb('urn:uuid:' || gen_random_uuid()))`, 'chain_altered'],
      // What the page shows of an entry and the diary rules use, in its record: each under the event hash.
      ['the time in its record', `epcis = jsonb_set(epcis, '{eventTime}', '"2025-12-01T00:00:00.000Z"')`, 'event_altered'],
      ['the activity in its record', `epcis = jsonb_set(epcis, '{nongsan:activity}', '"fertilizing"')`, 'event_altered'],
      ['who recorded it, in its record', `epcis = jsonb_set(epcis, '{nongsan:recordedBy}', '"Trạm BVTV huyện"')`, 'event_altered'],
    ];
    for (const [what, change, reason] of cases) {
      await db.query(`UPDATE lot_events SET ${change} WHERE lot_id = $1 AND seq = 3`, [fresh.id]);
      expect({ what, verdict: await check() }).toMatchObject({ what, verdict: { intact: false, brokenAt: 3, reason } });
      await restore();
      expect({ what, verdict: await check() }).toMatchObject({ what, verdict: { intact: true, eventCount: 4 } });
    }
    // A fifth entry slipped in behind the lot's head (a copy of the fourth, as if it had happened again).
    await db.query(
      `INSERT INTO lot_events (id, lot_id, seq, kind, event_id, occurred_at, recorded_at, recorded_by, source, epcis, chain_hash, link_version)
       SELECT gen_random_uuid(), lot_id, 5, kind, event_id, occurred_at, recorded_at, recorded_by, source, epcis, chain_hash, link_version
       FROM lot_events WHERE lot_id = $1 AND seq = 4`,
      [fresh.id],
    );
    expect(await check()).toMatchObject({ intact: false, brokenAt: 5, reason: 'chain_altered', eventCount: 5 });
    await db.query(`DELETE FROM lot_events WHERE lot_id = $1 AND seq = 5`, [fresh.id]);
    expect(await check()).toMatchObject({ intact: true, eventCount: 4 });
  });

  it('shows and flags the diary from the chained records: the row’s other columns changed in the database change nothing', async () => {
    const fresh = (await api.post('/v1/lots', { sellerId, productName: 'Vải thiều Lục Ngạn', unit: 'kg' }, { key: partner.key })).body;
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    for (const body of [
      { kind: 'planting', occurredAt: ago(90 * 86_400_000) },
      { kind: 'spraying', occurredAt: ago(3 * 86_400_000), input: 'Abamectin 3.6EC', preHarvestIntervalDays: 7 },
      { kind: 'harvesting', occurredAt: ago(3_600_000), quantity: 500 },
    ]) {
      const res = await api.post(`/v1/lots/${fresh.id}/events`, { recordedBy: 'Nguyễn Văn Thắng', ...body }, { key: partner.key });
      expect(res.status).toBe(201);
    }
    const shown = async () =>
      (
        (await api.get(`/v1/lots/${fresh.id}/events?limit=100`, { key: partner.key })).body.items as {
          seq: number;
          kind: string;
          occurredAt: string;
          recordedAt: string;
          recordedBy: string;
          flags: { code: string }[];
        }[]
      ).map(({ seq, kind, occurredAt, recordedAt, recordedBy, flags }) => ({ seq, kind, occurredAt, recordedAt, recordedBy, flags }));
    const before = await shown();
    expect(before.map((e) => e.kind)).toEqual(['planting', 'spraying', 'harvesting']);
    expect(before[2].flags).toEqual([expect.objectContaining({ code: 'pre_harvest_interval_violated' })]);
    // Someone with database access moves the spraying out of the pre-harvest interval and puts an
    // expert's name on it, and turns the planting into an inspection received from another system.
    await db.query(
      `UPDATE lot_events SET occurred_at = occurred_at - interval '30 days', recorded_at = recorded_at - interval '30 days',
       recorded_by = 'Trạm BVTV huyện Lục Ngạn' WHERE lot_id = $1 AND seq = 2`,
      [fresh.id],
    );
    await db.query(`UPDATE lot_events SET kind = 'inspection', source = 'capture' WHERE lot_id = $1 AND seq = 1`, [fresh.id]);
    expect(await shown()).toEqual(before);
    // The public page, never requested before (so not cached): the same entries, the same warning.
    const page = await fetch(`${api.base}/t/${fresh.traceCode}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const item = (seq: number) => new RegExp(`data-seq="${seq}"(.*?)(?=data-seq="|</ol>)`, 's').exec(html)?.[1] ?? '';
    const viTime = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
    expect(item(1)).toContain('<b>Gieo trồng</b>');
    expect(item(1)).not.toContain('Bước:');
    expect(item(2)).toContain('<b>Phun thuốc BVTV</b>');
    expect(item(2)).toContain(`${viTime(before[1].occurredAt)} · `);
    expect(item(2)).toContain('Nguyễn Văn Thắng');
    expect(html).not.toContain('Trạm BVTV');
    expect(item(3)).toContain('chưa hết thời gian cách ly 7 ngày');
    // Those columns are copies for SQL, shown nowhere and used by no rule: the entries, their
    // records, are as recorded, so the chain is rightly intact.
    expect((await api.get(`/v1/lots/${fresh.id}/verify`, { key: storefront })).body).toMatchObject({ intact: true, eventCount: 3 });
  });
});
