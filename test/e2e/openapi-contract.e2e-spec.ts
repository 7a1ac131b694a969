import { compileErrors, validate } from '@readme/openapi-parser';
import fc from 'fast-check';
import { Api } from '../support/api';

interface Operation {
  method: string;
  path: string;
  op: {
    security?: unknown[];
    responses: Record<string, { content?: Record<string, unknown> }>;
    requestBody?: { content?: Record<string, { schema?: unknown }> };
    'x-roles'?: string[];
    summary?: string;
  };
}

/**
 * The served OpenAPI document is the contract partners integrate against: it must be valid (checked
 * by an independent validator), describe auth and errors for every endpoint, and the API must keep
 * its promises when fed garbage: never a 5xx, every error problem+json.
 */
describe('OpenAPI contract', () => {
  const api = new Api();
  let doc: { paths: Record<string, Record<string, Operation['op']>> };
  let operations: Operation[];

  beforeAll(async () => {
    doc = (await api.get('/openapi.json')).body;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });

  it('is a valid OpenAPI 3 document (@readme/openapi-parser)', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
  });

  it('describes, for every /v1 operation, a summary, the API-key security and problem+json errors', () => {
    const v1 = operations.filter((o) => o.path.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThan(0);
    for (const { method, path, op } of v1) {
      const where = `${method} ${path}`;
      expect({ where, summary: Boolean(op.summary) }).toEqual({ where, summary: true });
      expect({ where, security: op.security }).toEqual({ where, security: [{ apiKey: [] }] });
      expect({ where, roles: Array.isArray(op['x-roles']) }).toEqual({ where, roles: true });
      for (const status of ['401', '403']) {
        expect({ where, status, content: Object.keys(op.responses[status]?.content ?? {}) }).toEqual({
          where,
          status,
          content: ['application/problem+json'],
        });
      }
    }
  });

  it('never answers garbage with a 5xx, and every error is problem+json (fuzz)', async () => {
    const keys = new Map<string, string>([['admin', api.adminKey]]);
    for (const role of ['partner', 'storefront', 'carrier'] as const) keys.set(role, (await api.issueKey(role)).key);
    const writes = operations.filter((o) => ['POST', 'PATCH', 'PUT'].includes(o.method) && o.path.startsWith('/v1/'));
    let cases = 0;
    const json = fc.jsonValue({ maxDepth: 3 });
    const body = fc.oneof(
      json,
      fc.dictionary(
        fc.constantFrom(
          'role',
          'name',
          'carrierCode',
          'partnerId',
          'rateLimitPerMinute',
          'id',
          'status',
          'priceVnd',
          'sellerId',
          '__proto__',
          'constructor',
        ),
        json,
      ),
    );
    for (const { method, path, op } of writes) {
      const key = keys.get(op['x-roles']?.[0] ?? 'admin')!;
      await fc.assert(
        fc.asyncProperty(body, fc.string({ maxLength: 40 }), async (b, id) => {
          cases += 1;
          const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(id || 'x'));
          const res = await api.call(method, url, { key, rawBody: JSON.stringify(b), headers: { 'Content-Type': 'application/json' } });
          if (res.status >= 500)
            throw new Error(`${method} ${url} answered ${res.status} to ${JSON.stringify(b)}: ${JSON.stringify(res.body)}`);
          if (res.status >= 400 && !(res.headers.get('content-type') ?? '').includes('application/problem+json')) {
            throw new Error(`${method} ${url} answered ${res.status} without problem+json`);
          }
        }),
        { numRuns: 40 },
      );
    }
    expect(cases).toBeGreaterThanOrEqual(writes.length * 40);
    console.log(`fuzz: ${cases} generated requests over ${writes.length} write operations, no 5xx`);
  });
});
