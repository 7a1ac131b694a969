import { v7 as uuidv7 } from 'uuid';

/** What the fuzz test puts into a request (issue 21). */
export const AttackClasses = ['nul', 'surrogate', 'depth', 'null', 'array', 'huge'] as const;
export type AttackClass = (typeof AttackClasses)[number];

/** A request of the fuzz test, built from an operation of the served OpenAPI document. */
export interface FuzzRequest {
  operation: string;
  attack: AttackClass;
  /** Where the attack went: `body`, `body.address.line`, `query.q`, `path.id`, `header.Token`. */
  where: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Sent on a raw socket: the value is one that HTTP clients refuse to send. */
  raw?: boolean;
  /** A page for people (the public trace page): its errors are HTML pages too. */
  html: boolean;
}

type Schema = Record<string, any>;
type Doc = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

export const MEGABYTE_STRING = 'x'.repeat(1_000_000);
const NESTED = 5000;
const DEEP_JSON = `${'['.repeat(NESTED)}1${']'.repeat(NESTED)}`;
const DEEP_MARK = '\u0001deep\u0001';
/** String values per class; in a header a lone surrogate is its WTF-8 bytes, sent as they are. */
const STRING_ATTACKS = { nul: 'a\u0000b', surrogate: 'a\ud800b', huge: MEGABYTE_STRING } as const;
const HEADER_ATTACKS = { nul: 'a\u0000b', surrogate: 'a\xed\xa0\x80b', huge: MEGABYTE_STRING } as const;

/** The values an operation's requests start from: real ids of the fuzz test's own data where it has them. */
export interface FuzzContext {
  keyFor(roles: string[] | undefined): string | undefined;
  /** Path parameter values by parameter name and path, e.g. the fuzz seller's id for `/v1/sellers/{id}`. */
  pathValue(path: string, name: string): string;
  /** Field values that keep a request on the fuzz test's own data (`sellerId`, `productId`…). */
  fields: Record<string, unknown>;
  /** Fields each operation's base body gets whatever the schema says (e.g. a payout limited to the fuzz seller). */
  bodyOverrides: Record<string, Record<string, unknown>>;
}

function resolve(doc: Doc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  while (s.$ref) s = doc.components?.schemas?.[String(s.$ref).split('/').pop()!] ?? {};
  if (s.allOf) return Object.assign({}, ...s.allOf.map((p: Schema) => resolve(doc, p)), { allOf: undefined });
  return s;
}

/** A plausible value of `schema`: its example, else the first enum value, else one of its type. */
function sample(doc: Doc, schema: Schema | undefined, ctx: FuzzContext, name = '', depth = 0): unknown {
  if (name in ctx.fields) return ctx.fields[name];
  const s = resolve(doc, schema);
  if (s.example !== undefined) return s.example;
  if (s.enum) return s.enum[0];
  if (s.oneOf ?? s.anyOf) return sample(doc, (s.oneOf ?? s.anyOf)[0], ctx, name, depth);
  switch (s.type) {
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 6 ? [] : [sample(doc, s.items, ctx, '', depth + 1)];
    case 'object':
    case undefined: {
      if (!s.properties) return s.type === 'object' ? {} : 'Thử nghiệm';
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries<Schema>(s.properties)) {
        if (depth < 6) out[key] = sample(doc, prop, ctx, key, depth + 1);
      }
      return out;
    }
    default:
      return s.format === 'date-time' ? new Date().toISOString() : 'Thử nghiệm';
  }
}

/** Every place in `value` an attack can go, as a path of keys and indexes, with what is there. */
function leaves(value: unknown, at: (string | number)[] = []): { at: (string | number)[]; value: unknown }[] {
  const here = at.length ? [{ at, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => leaves(v, [...at, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]))];
  return here;
}

function replaced(value: unknown, at: (string | number)[], by: unknown): unknown {
  if (!at.length) return by;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[at[0]] = replaced(copy[at[0]], at.slice(1), by);
  return copy;
}

/** Percent-encoding that keeps a lone surrogate as its WTF-8 bytes (encodeURIComponent throws on it, URLSearchParams replaces it). */
const encode = (s: string) => encodeURIComponent(s.replace(/\ud800/g, '\u0001')).replace(/%01/g, '%ED%A0%80');

const fieldName = (at: (string | number)[]) =>
  at.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

/** The requests for one operation: every attack class in every body field, query and path parameter and header. */
export function fuzzRequests(doc: Doc, path: string, method: string, ctx: FuzzContext): FuzzRequest[] {
  const op = doc.paths[path][method];
  const operation = `${method.toUpperCase()} ${path}`;
  const params: Schema[] = (op.parameters ?? []).map((p: Schema) => (p.$ref ? resolve(doc, p) : p));
  const key = ctx.keyFor(op['x-roles']);
  const baseHeaders: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {};
  // Header values are ASCII; an Idempotency-Key would replay the first answer, so it is only ever an attack's target.
  for (const p of params.filter((p) => p.in === 'header' && !/^idempotency-key$/i.test(p.name))) {
    const value = String(p.example ?? sample(doc, p.schema, ctx, p.name));
    baseHeaders[p.name] = /^[\x20-\x7e]*$/.test(value) ? value : 'fuzz';
  }
  const pathValues = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, ctx.pathValue(path, p.name)]));
  const queryValues = Object.fromEntries(
    params.filter((p) => p.in === 'query' && p.name !== 'cursor').map((p) => [p.name, String(sample(doc, p.schema, ctx, p.name))]),
  );
  const jsonBody = op.requestBody?.content?.['application/json'] ?? op.requestBody?.content?.['application/ld+json'];
  const body = jsonBody ? { ...(sample(doc, jsonBody.schema, ctx) as object), ...ctx.bodyOverrides[operation] } : undefined;

  const url = (pv: Record<string, string>, qv: Record<string, string>) => {
    const p = path.replace(/\{(\w+)\}/g, (_, n: string) => encode(pv[n] ?? uuidv7()));
    const q = Object.entries(qv)
      .map(([k, v]) => `${encode(k)}=${encode(v)}`)
      .join('&');
    return q ? `${p}?${q}` : p;
  };
  const request = (attack: AttackClass, where: string, o: Partial<FuzzRequest> = {}): FuzzRequest => ({
    operation,
    attack,
    where,
    method: method.toUpperCase(),
    path: url(pathValues, queryValues),
    headers: { ...baseHeaders, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    html: JSON.stringify(op.responses ?? {}).includes('text/html'),
    ...o,
  });
  const out: FuzzRequest[] = [];

  if (body !== undefined) {
    out.push(request('depth', 'body', { body: DEEP_JSON }));
    out.push(request('array', 'body', { body: JSON.stringify(new Array(100_000).fill({})) }));
    for (const leaf of leaves(body)) {
      const field = `body.${fieldName(leaf.at)}`;
      const send = (attack: AttackClass, value: unknown) =>
        out.push(request(attack, field, { body: JSON.stringify(replaced(body, leaf.at, value)) }));
      send('null', null);
      if (typeof leaf.value === 'string') for (const [attack, value] of Object.entries(STRING_ATTACKS)) send(attack as AttackClass, value);
      // 100,000 items as small as they come (the 100,000 empty remittance lines): a few hundred KB, under the body limit.
      if (Array.isArray(leaf.value))
        send('array', new Array(100_000).fill(typeof leaf.value[0] === 'object' ? {} : (leaf.value[0] ?? 'x')));
      if (leaf.at.length === 1) {
        const text = JSON.stringify(replaced(body, leaf.at, DEEP_MARK)).replace(JSON.stringify(DEEP_MARK), DEEP_JSON);
        out.push(request('depth', field, { body: text }));
      }
    }
  }
  for (const name of Object.keys(queryValues)) {
    for (const [attack, value] of Object.entries(STRING_ATTACKS)) {
      out.push(request(attack as AttackClass, `query.${name}`, { path: url(pathValues, { ...queryValues, [name]: value }) }));
    }
  }
  for (const name of Object.keys(pathValues)) {
    for (const [attack, value] of Object.entries(STRING_ATTACKS)) {
      out.push(request(attack as AttackClass, `path.${name}`, { path: url({ ...pathValues, [name]: value }, queryValues) }));
    }
  }
  const headerNames = [...new Set([...Object.keys(baseHeaders), 'X-Request-Id', ...(method === 'post' ? ['Idempotency-Key'] : [])])];
  for (const name of headerNames) {
    for (const [attack, value] of Object.entries(HEADER_ATTACKS)) {
      const headers = { ...request('nul', '').headers, [name]: name === 'Authorization' ? `Bearer ${value}` : value };
      out.push(request(attack as AttackClass, `header.${name}`, { headers, raw: true }));
    }
  }
  return out;
}
