import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import QRCode from 'qrcode';
import { Api, expectProblem } from '../support/api';

// Jest reads testTimeout only at the top level, not per project: these tests wait on Kafka round trips.
jest.setTimeout(120_000);
/** Lots, the farm diary and its rules, corrections, EPCIS export and QR codes, through the gateway. */
describe('traceability: lots and the farm diary', () => {
  const api = new Api();
  let partner: string;
  let otherPartner: string;
  let storefront: string;
  let sellerId: string;
  let wardCode: string;
  let lot: { id: string; traceCode: string; epcClass: string; gtin: string; traceUrl: string };

  const at = (days: number, hour = 7) => {
    const d = new Date(Date.now() - days * 86_400_000);
    return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+07:00`;
  };
  const record = (body: Record<string, unknown>, key = partner) =>
    api.post(`/v1/lots/${lot.id}/events`, { recordedBy: 'Nguyễn Văn Thắng', ...body }, { key });

  beforeAll(async () => {
    partner = (await api.issueKey('partner')).key;
    otherPartner = (await api.issueKey('partner')).key;
    storefront = (await api.issueKey('storefront')).key;
    const { wardsOf } = await import('@app/contracts');
    wardCode = wardsOf('24')[0].code;
    const seller = await api.post(
      '/v1/sellers',
      {
        name: 'HTX Vải thiều Lục Ngạn',
        kind: 'cooperative',
        phone: '0912 345 678',
        address: { provinceCode: '24', wardCode, line: 'Thôn Kép' },
      },
      { key: partner },
    );
    sellerId = seller.body.id;
    // Opened straight after registration: the seller reaches traceability over Kafka a moment later.
    const res = await api.post(
      '/v1/lots',
      {
        sellerId,
        productName: 'Vải thiều Lục Ngạn',
        harvestDate: at(0).slice(0, 10),
        area: { plot: 'Thửa 12', areaM2: 5000 },
        quantity: 1200,
        unit: 'kg',
      },
      { key: partner },
    );
    expect(res.status).toBe(201);
    lot = res.body;
  });

  describe('lots', () => {
    it('get a short trace code, a GS1 lot id and the public URL', async () => {
      expect(lot.traceCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(lot.gtin).toMatch(/^\d{14}$/);
      expect(lot.epcClass).toBe(`https://id.gs1.org/01/${lot.gtin}/10/${lot.traceCode}`);
      expect(lot.traceUrl).toMatch(new RegExp(`/t/${lot.traceCode}$`));
      expect((await api.get(`/v1/lots/${lot.id}`, { key: partner })).body).toMatchObject({ id: lot.id, eventCount: 0 });
    });

    it('are hidden from other partners (404) and refused for their sellers', async () => {
      expectProblem(await api.get(`/v1/lots/${lot.id}`, { key: otherPartner }), 404, 'not_found');
      expectProblem(await api.post('/v1/lots', { sellerId, productName: 'Vải' }, { key: otherPartner }), 404, 'not_found');
      expectProblem(await record({ kind: 'planting', occurredAt: at(90) }, otherPartner), 404, 'not_found');
      expectProblem(await api.post('/v1/lots', { sellerId, productName: 'Vải' }, { key: storefront }), 403, 'forbidden');
    });

    it.each([
      ['an unknown ward', { area: { wardCode: '99999' } }, 'area.wardCode'],
      ['a GTIN with a wrong check digit', { gtin: '8934563138015' }, 'gtin'],
      ['an impossible date', { harvestDate: '2026-13-01' }, 'harvestDate'],
      ['an unknown field', { traceCode: 'AAAAAAAA' }, 'traceCode'],
    ])('refuse %s (422 naming the field)', async (_what, extra, field) => {
      const res = await api.post('/v1/lots', { sellerId, productName: 'Vải', ...extra }, { key: partner });
      expectProblem(res, 422, 'validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });
  });

  describe('diary rules', () => {
    it.each([
      ['spraying without its pre-harvest interval', { kind: 'spraying', input: 'Abamectin 3.6EC' }, 'preHarvestIntervalDays'],
      ['fertilizing without the input', { kind: 'fertilizing' }, 'input'],
      ['an inspection without result', { kind: 'inspection' }, 'result'],
      ['an entry in the future', { kind: 'planting', occurredAt: new Date(Date.now() + 86_400_000).toISOString() }, 'occurredAt'],
      ['a time without offset', { kind: 'planting', occurredAt: '2026-01-01T07:00:00' }, 'occurredAt'],
      ['an unknown activity', { kind: 'watering' }, 'kind'],
    ])('refuse %s', async (_what, body, field) => {
      const res = await record({ occurredAt: at(30), ...body });
      expectProblem(res, 422, 'validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    let sprayId: string;
    let harvestSeq: number;

    it('flag a harvest inside a spraying’s pre-harvest interval, and store EPCIS events', async () => {
      expect((await record({ kind: 'planting', occurredAt: at(120), gps: { lat: 21.3891, lng: 106.5926 } })).status).toBe(201);
      expect(
        (await record({ kind: 'fertilizing', occurredAt: at(60), input: 'NPK 16-16-8', inputAmount: 50, inputUnit: 'kg' })).status,
      ).toBe(201);
      const spray = await record({
        kind: 'spraying',
        occurredAt: at(3),
        input: 'Abamectin 3.6EC',
        inputAmount: 0.5,
        inputUnit: 'lít',
        preHarvestIntervalDays: 7,
      });
      expect(spray.status).toBe(201);
      sprayId = spray.body.eventId;
      expect(sprayId).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
      expect(spray.body.epcis).toMatchObject({
        type: 'ObjectEvent',
        eventID: sprayId,
        'nongsan:preHarvestIntervalDays': 7,
        'nongsan:input': 'Abamectin 3.6EC',
      });
      const harvest = await record({ kind: 'harvesting', occurredAt: at(0, 6), quantity: 1200 });
      expect(harvest.status).toBe(201);
      harvestSeq = harvest.body.seq;
      expect(harvest.body.flags).toEqual([expect.objectContaining({ code: 'pre_harvest_interval_violated', sprayingEventId: sprayId })]);
      expect(harvest.body.epcis).toMatchObject({
        action: 'ADD',
        bizStep: 'commissioning',
        quantityList: [{ epcClass: lot.epcClass, quantity: 1200, uom: 'KGM' }],
      });
    });

    it('take corrections as new entries (EPCIS error declaration); the flag follows the corrected facts', async () => {
      const corrected = await record({
        kind: 'spraying',
        occurredAt: at(3),
        input: 'Abamectin 3.6EC',
        preHarvestIntervalDays: 2,
        correctsEventId: sprayId,
        correctionReason: 'Ghi nhầm thời gian cách ly (nhãn ghi 2 ngày)',
        recordedBy: 'Trần Thị Hoa',
      });
      expect(corrected.status).toBe(201);
      expectProblem(
        await record({ kind: 'planting', occurredAt: at(1), correctsEventId: sprayId, correctionReason: 'lần nữa' }),
        409,
        'already_corrected',
      );
      const page = await api.get(`/v1/lots/${lot.id}/events?limit=100`, { key: partner });
      const entries = page.body.items as { seq: number; kind: string; eventId: string; flags: unknown[]; epcis: Record<string, any> }[];
      const declaration = entries.find((e) => e.kind === 'error_declaration')!;
      expect(declaration.eventId).toBe(sprayId);
      expect(declaration.epcis.errorDeclaration).toMatchObject({ reason: 'incorrect_data', correctiveEventIDs: [corrected.body.eventId] });
      // Who declared the error, not who recorded the original entry.
      expect(declaration).toMatchObject({ kind: 'error_declaration', recordedBy: 'Trần Thị Hoa' });
      expect(corrected.body).toMatchObject({ kind: 'spraying', recordedBy: 'Trần Thị Hoa' });
      expect(entries.find((e) => e.seq === harvestSeq)!.flags).toEqual([]);
      expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    });

    it('pages the history without repeats', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { seq: number }[]; nextCursor: string | null } } = await api.get(
          `/v1/lots/${lot.id}/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { key: partner },
        );
        seen.push(...res.body.items.map((e) => e.seq));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });

  describe('EPCIS export', () => {
    it('is an EPCISDocument valid against GS1’s EPCIS 2.0 JSON Schema', async () => {
      const res = await api.get(`/v1/lots/${lot.id}/events`, { key: partner, headers: { Accept: 'application/ld+json' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      const schema = JSON.parse(readFileSync(join(__dirname, '../../apps/traceability/src/epcis/schema/EPCIS-JSON-Schema.json'), 'utf8'));
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      const validate = ajv.compile(schema);
      expect({ valid: validate(res.body), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
      expect(res.body.epcisBody.eventList).toHaveLength(6);
      // The schema accepts anything as an event list; check the events are real ones, not empty shells.
      expect(validate({ ...res.body, epcisBody: { eventList: [{ type: 'ObjectEvent', '@context': [] }] } })).toBe(false);
    });
  });

  describe('QR codes', () => {
    it('encode the public trace URL, as PNG or SVG', async () => {
      const png = await fetch(`${api.base}/v1/lots/${lot.id}/qr`, { headers: { Authorization: `Bearer ${partner}` } });
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await png.arrayBuffer());
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const svg = await api.get(`/v1/lots/${lot.id}/qr`, { key: partner, headers: { Accept: 'image/svg+xml' } });
      expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(svg.headers.get('x-trace-url')).toBe(lot.traceUrl);
      expect(svg.body).toBe(await QRCode.toString(lot.traceUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
      expectProblem(await api.get(`/v1/lots/${lot.id}/qr`, { key: otherPartner }), 404, 'not_found');
    });
  });
});
