import { gs1CheckDigit } from '../epcis/cbv';

/** A GTIN-8/12/13/14 with a right check digit → GTIN-14; anything else → null. */
export function toGtin14(gtin: string): string | null {
  if (!/^(\d{8}|\d{12,14})$/.test(gtin)) return null;
  const g = gtin.padStart(14, '0');
  return gs1CheckDigit(g.slice(0, 13)) === Number(g[13]) ? g : null;
}

/**
 * The GTIN the platform issues under its GS1 company prefix to a lot whose seller has none:
 * indicator 0, prefix, item reference from a sequence, check digit.
 */
export function issueGtin(companyPrefix: string, itemReference: number): string {
  const refDigits = 12 - companyPrefix.length;
  const ref = String(itemReference % 10 ** refDigits).padStart(refDigits, '0');
  const body = `0${companyPrefix}${ref}`;
  return body + gs1CheckDigit(body);
}

/** The lot-level class id (LGTIN) as a canonical GS1 Digital Link URI. */
export function lgtinUri(gtin14: string, lot: string): string {
  return `https://id.gs1.org/01/${gtin14}/10/${encodeURIComponent(lot)}`;
}
