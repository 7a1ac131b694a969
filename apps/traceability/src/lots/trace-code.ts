import { randomInt } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so what is read off a label is typed back right. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACE_CODE_LENGTH = 8;

/** A fresh random code (32^8 ≈ 1.1 × 10^12 values; the unique index catches the rare collision). */
export function newTraceCode(): string {
  let code = '';
  for (let i = 0; i < TRACE_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/**
 * What a person typed → the code, or null if it cannot be one: case, spaces and hyphens ignored,
 * and the look-alikes Crockford maps (O → 0, I and L → 1).
 */
export function normalizeTraceCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== TRACE_CODE_LENGTH) return null;
  for (const ch of code) if (!ALPHABET.includes(ch)) return null;
  return code;
}
