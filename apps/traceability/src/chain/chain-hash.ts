import { createHash } from 'node:crypto';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level: one text per value, whatever order jsonb returns. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Where a lot's chain starts: bound to the lot, so entries cannot be moved between lots. */
export function genesisHash(lotId: string): string {
  return sha256(`nongsan:lot:${lotId}`);
}

/**
 * One link: commits to the previous link, to the EPCIS event hash (the standard fingerprint of what
 * happened) and to the whole stored record (fields the event hash leaves out, such as recordTime
 * and errorDeclaration, included).
 */
export function linkHash(previous: string, eventId: string, record: Record<string, unknown>): string {
  return sha256(`${previous}\n${eventId}\n${sha256(stableJson(record))}`);
}
