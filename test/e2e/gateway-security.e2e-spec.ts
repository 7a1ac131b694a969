import { Api, expectProblem } from '../support/api';

/**
 * The gateway's guarantees, in the spirit of the OWASP API Security Top 10 (2023): broken
 * authentication (API2), function-level authorisation (API5), mass assignment (API3), resource
 * consumption (API4: rate limits, body size), plus idempotency races. Resource-level (BOLA) checks
 * live with each resource's tests.
 */
describe('gateway security', () => {
  const api = new Api();

  describe('authentication', () => {
    it.each([
      ['GET', '/v1/categories'],
      ['GET', '/v1/admin/api-keys'],
      ['POST', '/v1/admin/api-keys'],
    ])('%s %s without a key is 401 problem+json', async (method, path) => {
      expectProblem(await api.call(method, path, { body: method === 'POST' ? {} : undefined }), 401, 'unauthorized');
    });

    it.each(['Bearer ns_not-a-real-key', 'Basic YWRtaW46YWRtaW4=', 'Bearer', 'ns_key-without-scheme'])(
      'rejects Authorization: %s',
      async (header) => {
        expectProblem(await api.get('/v1/categories', { headers: { Authorization: header } }), 401, 'unauthorized');
      },
    );

    it('a revoked key stops working at once', async () => {
      const { key, id } = await api.issueKey('storefront');
      expect((await api.get('/v1/categories', { key })).status).toBe(200);
      const revoked = await api.post(`/v1/admin/api-keys/${id}/revoke`, {}, { key: api.adminKey });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toMatch(/\+07:00$/);
      expectProblem(await api.get('/v1/categories', { key }), 401, 'unauthorized');
    });

    it('stores only a hash: the listing never shows a key', async () => {
      const { key, id } = await api.issueKey('partner');
      const list = await api.get('/v1/admin/api-keys?limit=100', { key: api.adminKey });
      expect(list.status).toBe(200);
      const row = (list.body.items as { id: string }[]).find((k) => k.id === id);
      expect(row).toMatchObject({ id, role: 'partner', keyPrefix: key.slice(0, 7) });
      expect(JSON.stringify(list.body)).not.toContain(key);
    });
  });

  describe('function-level authorisation', () => {
    it.each(['partner', 'storefront', 'carrier'] as const)('a %s key cannot use admin endpoints (403)', async (role) => {
      const { key } = await api.issueKey(role);
      expectProblem(await api.get('/v1/admin/api-keys', { key }), 403, 'forbidden');
      expectProblem(await api.post('/v1/admin/api-keys', { role: 'admin', name: 'escalate' }, { key }), 403, 'forbidden');
    });
  });

  describe('mass assignment and validation', () => {
    it('rejects unknown fields by name, never storing them', async () => {
      const res = await api.post(
        '/v1/admin/api-keys',
        { role: 'partner', name: 'x', keyHash: 'x', revokedAt: null, id: 'mine' },
        { key: api.adminKey },
      );
      expectProblem(res, 422, 'validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['id', 'keyHash', 'revokedAt']);
    });

    it('names each invalid field, in Vietnamese on request', async () => {
      const res = await api.post(
        '/v1/admin/api-keys',
        { role: 'farmer', name: '' },
        { key: api.adminKey, headers: { 'Accept-Language': 'vi-VN,vi;q=0.9,en;q=0.5' } },
      );
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.title).toBe('Dữ liệu không hợp lệ');
      const fields = (res.body.errors as { field: string; message: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['role', 'name']));
    });

    it('requires a carrier code for carrier keys and refuses it on others', async () => {
      const carrier = await api.post('/v1/admin/api-keys', { role: 'carrier', name: 'VTP' }, { key: api.adminKey });
      expectProblem(carrier, 422);
      expect(carrier.body.errors[0].field).toBe('carrierCode');
      const partner = await api.post('/v1/admin/api-keys', { role: 'partner', name: 'p', carrierCode: 'VTP' }, { key: api.adminKey });
      expectProblem(partner, 422);
      expect(partner.body.errors[0].field).toBe('carrierCode');
    });

    it('issues carrier keys only for a carrier of CARRIER_CODES (422 naming carrierCode)', async () => {
      const unknown = await api.post(
        '/v1/admin/api-keys',
        { role: 'carrier', name: 'J&T', carrierCode: 'JTEXPRESS' },
        { key: api.adminKey },
      );
      expectProblem(unknown, 422, 'validation_failed');
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'carrierCode', message: expect.stringContaining('VNPOST') })]);
      const known = await api.post('/v1/admin/api-keys', { role: 'carrier', name: 'GHN', carrierCode: 'GHN' }, { key: api.adminKey });
      expect(known.status).toBe(201);
    });

    it('answers malformed JSON with 400 problem+json', async () => {
      expectProblem(
        await api.call('POST', '/v1/admin/api-keys', {
          key: api.adminKey,
          rawBody: '{"role":',
          headers: { 'Content-Type': 'application/json' },
        }),
        400,
      );
    });

    it('refuses an oversized body with 413 problem+json', async () => {
      const res = await api.post('/v1/admin/api-keys', { role: 'partner', name: 'x'.repeat(1_200_000) }, { key: api.adminKey });
      expectProblem(res, 413, 'payload_too_large');
    });

    it('refuses a page size above 100 and a forged cursor', async () => {
      expectProblem(await api.get('/v1/admin/api-keys?limit=101', { key: api.adminKey }), 422, 'validation_failed');
      expectProblem(await api.get('/v1/admin/api-keys?cursor=not-ours', { key: api.adminKey }), 422, 'validation_failed');
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After past the key’s limit, without touching other keys', async () => {
      const { key } = await api.issueKey('storefront', { rateLimitPerMinute: 5 });
      const other = await api.issueKey('storefront', { rateLimitPerMinute: 5 });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await api.get('/v1/categories', { key })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await api.get('/v1/categories', { key });
      expectProblem(limited, 429, 'rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await api.get('/v1/categories', { key: other.key })).status).toBe(200);
    });
  });

  describe('Idempotency-Key', () => {
    const body = { role: 'storefront', name: 'Sàn thương mại Chợ Quê' };

    it('replays the first response for the same key and body', async () => {
      const idem = `idem-${Date.now()}`;
      const first = await api.post('/v1/admin/api-keys', body, { key: api.adminKey, headers: { 'Idempotency-Key': idem } });
      const again = await api.post('/v1/admin/api-keys', body, { key: api.adminKey, headers: { 'Idempotency-Key': idem } });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    });

    it('refuses the same key with a different body (422)', async () => {
      const idem = `idem-diff-${Date.now()}`;
      expect((await api.post('/v1/admin/api-keys', body, { key: api.adminKey, headers: { 'Idempotency-Key': idem } })).status).toBe(201);
      expectProblem(
        await api.post('/v1/admin/api-keys', { ...body, name: 'other' }, { key: api.adminKey, headers: { 'Idempotency-Key': idem } }),
        422,
        'idempotency_key_reused',
      );
    });

    it('creates exactly once when the same key is sent concurrently', async () => {
      const idem = `idem-race-${Date.now()}`;
      const results = await Promise.all(
        Array.from({ length: 8 }, () => api.post('/v1/admin/api-keys', body, { key: api.adminKey, headers: { 'Idempotency-Key': idem } })),
      );
      const created = results.filter((r) => r.status === 201);
      const inProgress = results.filter((r) => r.status === 409);
      expect(created.length + inProgress.length).toBe(8);
      expect(new Set(created.map((r) => (r.body as { id: string }).id)).size).toBe(1);
      inProgress.forEach((r) => expectProblem(r, 409, 'idempotency_in_progress'));
    });

    it('scopes keys per API key', async () => {
      const idem = `idem-scope-${Date.now()}`;
      const a = await api.issueKey('admin');
      const first = await api.post('/v1/admin/api-keys', body, { key: api.adminKey, headers: { 'Idempotency-Key': idem } });
      const second = await api.post('/v1/admin/api-keys', body, { key: a.key, headers: { 'Idempotency-Key': idem } });
      expect(second.status).toBe(201);
      expect(second.body.id).not.toBe(first.body.id);
    });
  });

  describe('request ids', () => {
    it('echoes X-Request-Id and makes one when none is sent, on errors too', async () => {
      const echoed = await api.get('/v1/categories', { headers: { 'X-Request-Id': 'abc-123' } });
      expect(echoed.headers.get('x-request-id')).toBe('abc-123');
      const made = await api.get('/v1/nowhere');
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
