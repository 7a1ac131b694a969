/**
 * What no log line may hold, by field name, wherever the field sits in what is logged: callers'
 * credentials (API keys, carriers' webhook tokens, webhook signing secrets) and personal data
 * (phones, addresses, people's and account names), and SQL parameters as a whole (a failed write
 * carries a seller's or a buyer's name, phone and address as parameters, PostgreSQL's `detail`
 * and `where` quote the values).
 */
export const REDACTED_FIELDS: readonly string[] = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'apiKey',
  'password',
  'name',
  'buyerName',
  'receiverName',
  'senderName',
  'sellerName',
  'accountName',
  'accountNumber',
  'line',
  'parameters',
  'detail',
  'where',
];

/** Field names ending in one of these are redacted too (`receiverPhone`, `accessToken`, `secretEnc`, `pickupAddress`). */
const REDACTED_SUFFIXES = ['token', 'secret', 'secretenc', 'password', 'phone', 'address'];

export const REDACTED = '[Redacted]';

const exact = new Set(REDACTED_FIELDS.map((f) => f.toLowerCase()));

export function isRedactedField(key: string): boolean {
  const k = key.toLowerCase();
  return exact.has(k) || REDACTED_SUFFIXES.some((s) => k.endsWith(s));
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` with every redacted field replaced, plain objects and arrays only (an Error
 * goes through the `err` serializer first; a request or a socket is left to its own serializer).
 */
export function redactFields<T>(value: T, depth = 0): T {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => redactFields(v, depth + 1)) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isRedactedField(k) ? REDACTED : redactFields(v, depth + 1);
  return out as T;
}

const errorLike = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string' && 'stack' in v;

/**
 * A serialized error (pino's `err`: type, message, stack and the error's own fields, nested
 * errors serialized alike) with every redacted field replaced: TypeORM's QueryFailedError carries
 * the statement's `parameters`, and its `driverError` PostgreSQL's `detail`.
 */
export function redactError(serialized: unknown, depth = 0): unknown {
  if (!errorLike(serialized) || depth > MAX_DEPTH) return redactFields(serialized, depth);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(serialized)) {
    const v = serialized[key];
    out[key] = isRedactedField(key) ? REDACTED : errorLike(v) ? redactError(v, depth + 1) : redactFields(v, depth + 1);
  }
  return out;
}
