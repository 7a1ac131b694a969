import { Api, expectProblem } from '../support/api';
import { PartnerFixture } from '../support/marketplace';
import { rawExchange, rawRequest } from '../support/raw-http';
import { REMITTANCE_CSV_HEADER } from '../support/remittance-files';

/**
 * Bad input is a 4xx problem naming the field, in bounded time and size, never a 500 (issue 21):
 * strings PostgreSQL cannot store, documents nested thousands deep, nulls in a PATCH, and arrays of
 * 100,000 items.
 */
describe('bad input', () => {
  const api = new Api();
  let partner: PartnerFixture;
  let product: { id: string };

  let sellerId: string;

  beforeAll(async () => {
    partner = await new PartnerFixture(api).init();
    sellerId = (await partner.seller('Hộ bà Tám – xoài cát', '82')).id;
    product = await partner.product(sellerId);
  });

  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);
  const seller = (extra: Record<string, unknown>) => ({
    name: 'Hộ ông Chín',
    kind: 'household',
    phone: '0912345678',
    address: { provinceCode: '82', wardCode: '00000', line: 'Ấp 1' },
    ...extra,
  });

  it('refuses a NUL or a lone surrogate in a body, a query or a path with 422 naming it', async () => {
    for (const [body, field] of [
      [seller({ name: 'a\u0000b' }), 'name'],
      [seller({ name: 'a\ud800b' }), 'name'],
      [seller({ address: { provinceCode: '82', wardCode: '00000', line: 'x\udfffy' } }), 'address.line'],
    ] as const) {
      const res = await api.post('/v1/sellers', body, { key: partner.key });
      expectProblem(res, 422, 'validation_failed');
      expect(fields(res)).toEqual([field]);
    }
    const search = await api.get(`/v1/products?q=${encodeURIComponent('cà\u0000phê')}`, { key: partner.key });
    expectProblem(search, 422);
    expect(fields(search)).toEqual(['q']);
    const byId = await api.get(`/v1/products/${encodeURIComponent('01a2\u0000')}`, { key: partner.key });
    expectProblem(byId, 422);
    expect(fields(byId)).toEqual(['id']);
  });

  it('refuses __proto__ and constructor keys as unknown fields instead of dropping them', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const res = await api.call('POST', '/v1/sellers', {
        key: partner.key,
        headers: { 'Content-Type': 'application/json' },
        rawBody: JSON.stringify(seller({})).replace(/^\{/, `{"${key}":{"status":"suspended"},`),
      });
      expectProblem(res, 422);
      expect(fields(res)).toEqual([key]);
    }
  });

  it('sends security headers with every answer, the public trace page included', async () => {
    for (const path of ['/t/NOSUCHCODE', '/health/live', '/v1/categories']) {
      const res = await api.get(path, { key: partner.key });
      expect({ path, nosniff: res.headers.get('x-content-type-options'), referrer: res.headers.get('referrer-policy') }).toEqual({
        path,
        nosniff: 'nosniff',
        referrer: 'strict-origin-when-cross-origin',
      });
    }
  });

  it('refuses a document nested 5,000 deep with 422, not a stack overflow', async () => {
    const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const res = await api.call('POST', '/v1/sellers', {
      key: partner.key,
      headers: { 'Content-Type': 'application/json' },
      rawBody: `{"name":"Hộ ông Chín","kind":"household","phone":"0912345678","address":${deep}}`,
    });
    expectProblem(res, 422);
    expect(fields(res)[0]).toMatch(/^address/);
  });

  it('refuses null for a field a PATCH may only set, and changes nothing', async () => {
    for (const field of ['priceVnd', 'stock', 'status', 'description']) {
      const res = await api.call('PATCH', `/v1/products/${product.id}`, { key: partner.key, body: { [field]: null } });
      expectProblem(res, 422);
      expect(fields(res)).toContain(field);
    }
    expect((await api.get(`/v1/products/${product.id}`, { key: partner.key })).body).toMatchObject({ priceVnd: 65000, status: 'active' });
  });

  it('refuses a quantity in exponent notation with more decimals than allowed (422, not a 500)', async () => {
    const res = await api.post('/v1/lots', { sellerId, productName: 'Xoài cát Hòa Lộc', quantity: 1e-7, unit: 'kg' }, { key: partner.key });
    expectProblem(res, 422);
    expect(fields(res)).toEqual(['quantity']);
  });

  it('answers 100,000 array items with a small 422 at once', async () => {
    const started = Date.now();
    const res = await api.post(
      '/v1/remittances',
      { batchId: 'BK-1', bankTransferRef: 'FT1', totalTransferredVnd: 0, lines: new Array(100_000).fill({}) },
      {
        key: (await api.issueKey('carrier', { carrierCode: 'VTP' })).key,
      },
    );
    expectProblem(res, 422);
    expect(fields(res)).toEqual(['lines']);
    expect(Date.now() - started).toBeLessThan(5000);
    // 5,000 empty lines: each is invalid; the answer lists the first 50 and counts them all.
    const many = await api.post(
      '/v1/remittances',
      { batchId: 'BK-2', bankTransferRef: 'FT2', totalTransferredVnd: 0, lines: new Array(5000).fill({}) },
      {
        key: (await api.issueKey('carrier', { carrierCode: 'VTP' })).key,
      },
    );
    expectProblem(many, 422);
    expect(many.body.errors).toHaveLength(50);
    expect(many.body.detail).toMatch(/has \d+ invalid fields; the first 50 are listed/);
    expect(JSON.stringify(many.body).length).toBeLessThan(64 * 1024);
  });

  it('answers what the HTTP parser refuses as problem+json with a request id, not a bare 400/431', async () => {
    const cases = [
      { headers: { 'X-Note': 'a\u0000b' }, status: 400, code: 'malformed_request' },
      { headers: { 'X-Note': 'x'.repeat(20_000) }, status: 431, code: 'headers_too_large' },
    ];
    for (const c of cases) {
      const res = await rawExchange(
        api.base,
        rawRequest('GET', '/v1/categories', { Authorization: `Bearer ${partner.key}`, ...c.headers }),
      );
      expect({ status: res.status, type: res.headers['content-type'], requestId: res.headers['x-request-id'] }).toEqual({
        status: c.status,
        type: 'application/problem+json',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({
        status: c.status,
        code: c.code,
        requestId: res.headers['x-request-id'],
      });
    }
  });

  it('answers a remittance of 100,000 empty lines (CSV or JSON) with a small 4xx at once while /health keeps answering', async () => {
    const carrier = (await api.issueKey('carrier', { carrierCode: 'VTP' })).key;
    const empty = '\n'.repeat(100_000);
    const uploads = [
      api.call('POST', '/v1/remittances?batchId=BK-EMPTY&bankTransferRef=FT0&totalTransferredVnd=0', {
        key: carrier,
        headers: { 'Content-Type': 'text/csv' },
        rawBody: `${REMITTANCE_CSV_HEADER}${empty}`,
      }),
      api.call('POST', '/v1/remittances', {
        key: carrier,
        headers: { 'Content-Type': 'application/json' },
        rawBody: `{"batchId":"BK-EMPTY-J","bankTransferRef":"FT0","totalTransferredVnd":0,"lines":[${'{},\n'.repeat(99_999)}{}]}`,
      }),
    ].map(async (p) => {
      const started = Date.now();
      const res = await p;
      return { res, ms: Date.now() - started, bytes: JSON.stringify(res.body).length };
    });
    // Health probes meanwhile: each answers while the statements are read.
    const probes: number[] = [];
    const probing = (async () => {
      for (let i = 0; i < 10; i++) {
        const started = Date.now();
        expect((await api.get('/health/live')).status).toBe(200);
        probes.push(Date.now() - started);
      }
    })();
    const answers = await Promise.all(uploads);
    await probing;
    for (const { res, ms, bytes } of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectProblem(res, res.status);
      expect({ fast: ms < 2000, small: bytes < 64 * 1024 }).toEqual({ fast: true, small: true });
    }
    expect(Math.max(...probes)).toBeLessThan(1000);
  });
});
