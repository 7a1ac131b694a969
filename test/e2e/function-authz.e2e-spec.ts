import { Api, expectProblem } from '../support/api';

type Role = 'admin' | 'partner' | 'storefront' | 'carrier';
const ROLES: Role[] = ['admin', 'partner', 'storefront', 'carrier'];

/**
 * Function-level authorisation (OWASP API5:2023) for every operation the OpenAPI document
 * declares: each role it does not list gets 403 problem+json, whatever the path and body; no key
 * gets 401. Driven by the served document, so a new endpoint is covered the day it appears.
 */
describe('function-level authorisation, every operation × every role', () => {
  const api = new Api();
  const keys = new Map<Role, string>();
  let operations: { method: string; path: string; roles: Role[] }[] = [];

  beforeAll(async () => {
    keys.set('admin', api.adminKey);
    for (const role of ['partner', 'storefront', 'carrier'] as const) keys.set(role, (await api.issueKey(role)).key);
    const doc = (await api.get('/openapi.json')).body as { paths: Record<string, Record<string, { 'x-roles'?: Role[] }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => Array.isArray(op['x-roles']))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, roles: op['x-roles']! })),
    );
  });

  it('refuses every role an operation does not list, and every anonymous call', async () => {
    let forbidden = 0;
    let unauthenticated = 0;
    for (const { method, path, roles } of operations) {
      const url = path.replace(/\{[^}]+\}/g, '01a20000-0000-7000-8000-000000000001');
      const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
      for (const role of ROLES.filter((r) => !roles.includes(r))) {
        const res = await api.call(method, url, { key: keys.get(role)!, body });
        expect({ op: `${method} ${path}`, role, status: res.status }).toEqual({ op: `${method} ${path}`, role, status: 403 });
        expectProblem(res, 403, 'forbidden');
        forbidden += 1;
      }
      expectProblem(await api.call(method, url, { body }), 401, 'unauthorized');
      unauthenticated += 1;
    }
    expect(operations.length).toBeGreaterThan(20);
    console.log(
      `function-level authz: ${operations.length} operations, ${forbidden} forbidden role calls, ${unauthenticated} anonymous calls`,
    );
  });
});
