import { ValidationFailedError } from '@app/platform';

/**
 * Opaque keyset cursors: the sort key of the last row seen, base64url-encoded JSON. A cursor that
 * does not decode is the caller's error (422), never a 500.
 */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<K extends Record<string, string | number>>(
  cursor: string | undefined,
  fields: (keyof K)[],
  valid: (key: K) => boolean = () => true,
): K | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      fields.every((f) => ['string', 'number'].includes(typeof (parsed as K)[f])) &&
      valid(parsed as K)
    ) {
      return parsed as K;
    }
  } catch {
    // fall through
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
}

/** Cuts `limit + 1` fetched rows into a page and the cursor of the next one. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
  keyOf: (r: R) => Record<string, string | number>,
): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  return { items: pageRows.map(map), nextCursor: more ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null };
}
