import type { FieldError } from '@app/contracts';

/** A UTF-16 surrogate without its pair: PostgreSQL stores it neither in text nor in JSON (nor a NUL). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** Deeper than any document the API takes (EPCIS included); class-validator recurses per level. */
export const MAX_INPUT_DEPTH = 32;
/** More items than any list the API takes (5,000 remittance lines in JSON): refused before each item is checked. */
export const MAX_INPUT_ITEMS = 5000;

/**
 * The first thing in a request's body, query or path value that must never reach the validator
 * or the database: a string PostgreSQL cannot store, nesting deeper than {@link MAX_INPUT_DEPTH},
 * an array longer than {@link MAX_INPUT_ITEMS}. Walks at most that deep, so a hostile document
 * costs no more than an ordinary one.
 */
export function unsafeInput(value: unknown, field: string, depth = 0): FieldError | undefined {
  const name = field || 'body';
  if (typeof value === 'string') {
    return unstorable(value)
      ? {
          field: name,
          message: `${name} contains a NUL character or an unpaired UTF-16 surrogate`,
          messageVi: `${name} chứa ký tự NUL hoặc ký tự UTF-16 không hợp lệ`,
        }
      : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_INPUT_DEPTH) {
    return {
      field: name,
      message: `${name} is nested deeper than ${MAX_INPUT_DEPTH} levels`,
      messageVi: `${name} lồng quá ${MAX_INPUT_DEPTH} cấp`,
    };
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_INPUT_ITEMS) {
      return {
        field: name,
        message: `${name} has more than ${MAX_INPUT_ITEMS} items`,
        messageVi: `${name} có quá ${MAX_INPUT_ITEMS} phần tử`,
      };
    }
    for (let i = 0; i < value.length; i++) {
      const bad = unsafeInput(value[i], `${field}[${i}]`, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    const path = field ? `${field}.${key}` : key;
    // JSON.parse makes these own keys; class-transformer would drop them silently: refused as unknown.
    if (FORBIDDEN_KEYS.has(key))
      return { field: path, message: `${path} is not an accepted field`, messageVi: `${path} trường này không được phép` };
    const bad = unsafeInput(key, path, depth + 1) ?? unsafeInput(v, path, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}
