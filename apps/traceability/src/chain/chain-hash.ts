import { hash } from 'node:crypto';

function sha256(text: string): string {
  return hash('sha256', text);
}

/** `"key":` for each key met: the same few keys recur in every record of a lot. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_LIMIT = 10_000;

function quotedKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = `${JSON.stringify(k)}:`;
    if (quotedKeys.size >= QUOTED_KEYS_LIMIT) quotedKeys.clear();
    quotedKeys.set(k, q);
  }
  return q;
}

/** In place, in UTF-16 code unit order (`Array.prototype.sort`'s default): insertion sort for the few keys an object has. */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/**
 * JSON with object keys sorted at every level: one text per value, whatever order jsonb returns.
 * For JSON values this is RFC 8785's canonical form (keys in UTF-16 code unit order, no
 * whitespace, ECMAScript number and string serialisation), so anyone can recompute it from an
 * export. Verification re-serialises every stored record of a lot, hence one pass without the
 * intermediate arrays of a map/join version.
 */
export function stableJson(value: unknown): string {
  return write(value) as string;
}

/** Like `JSON.stringify`: undefined for what JSON cannot hold (undefined, functions, symbols). */
function write(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) s += ',';
      s += write(value[i]) ?? '';
    }
    return `${s}]`;
  }
  const o = value as Record<string, unknown>;
  let s = '{';
  let first = true;
  for (const k of sortKeys(Object.keys(o))) {
    const v = o[k];
    if (v === undefined) continue;
    if (!first) s += ',';
    first = false;
    s += quotedKey(k) + String(write(v));
  }
  return `${s}}`;
}

/** Where a lot's chain starts: bound to the lot, so entries cannot be moved between lots. */
export function genesisHash(lotId: string): string {
  return sha256(`nongsan:lot:${lotId}`);
}

/**
 * Which definition of the record digest an entry's link uses; stored with the entry (ADR 0012).
 * 1: SHA-256 of the record re-serialised with sorted keys (`stableJson`), entries before ADR 0012.
 * 2: SHA-256 of the record's text exactly as PostgreSQL's jsonb prints it, what new entries use.
 */
export type LinkVersion = 1 | 2;
/** What new entries are linked with (`recordDigestV2`). */
export const LINK_VERSION = 2 satisfies LinkVersion;

/** Link version 1's digest of the stored record. */
export function recordDigestV1(record: Record<string, unknown>): string {
  return sha256(stableJson(record));
}

/** Link version 2's digest: of jsonb's own text of the stored record (`epcis::text`), nothing re-serialised. */
export function recordDigestV2(jsonbText: string): string {
  return sha256(jsonbText);
}

/**
 * One link: commits to the previous link, to the EPCIS event hash (the standard fingerprint of what
 * happened) and to the digest of the whole stored record (fields the event hash leaves out, such as
 * recordTime and errorDeclaration, included).
 */
export function linkHash(previous: string, eventId: string, recordDigest: string): string {
  return sha256(`${previous}\n${eventId}\n${recordDigest}`);
}
