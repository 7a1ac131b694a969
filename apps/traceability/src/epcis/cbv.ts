/**
 * Normalisation of identifiers and vocabulary for the EPCIS event hash (CBV 2.0, section 8.9):
 * standard vocabulary to GS1 Web URIs, EPC URNs to canonical GS1 Digital Link URIs, CURIEs to
 * full URIs.
 */
export const CBV_WEB = 'https://ref.gs1.org/cbv/';
export const GS1_RESOLVER = 'https://id.gs1.org';

/** Which GS1 Web URI type prefix a vocabulary field takes (bare `shipping` → `BizStep-shipping`). */
export const VOCAB_PREFIX = {
  bizStep: 'BizStep-',
  disposition: 'Disp-',
  bizTransactionType: 'BTT-',
  sourceDestType: 'SDT-',
} as const;
export type VocabKind = keyof typeof VOCAB_PREFIX;

const URN_VOCAB: Record<VocabKind, string> = {
  bizStep: 'urn:epcglobal:cbv:bizstep:',
  disposition: 'urn:epcglobal:cbv:disp:',
  bizTransactionType: 'urn:epcglobal:cbv:btt:',
  sourceDestType: 'urn:epcglobal:cbv:sdt:',
};

/** Standard vocabulary value in any of its spellings → its GS1 Web URI; other URIs unchanged. */
export function expandVocabulary(value: string, kind: VocabKind, prefixes: ReadonlyMap<string, string>): string {
  const v = value.trim();
  if (v.startsWith(URN_VOCAB[kind])) return `${CBV_WEB}${VOCAB_PREFIX[kind]}${v.slice(URN_VOCAB[kind].length)}`;
  if (/^[a-z_]+$/.test(v)) return `${CBV_WEB}${VOCAB_PREFIX[kind]}${v}`;
  return expandCurie(v, prefixes);
}

/** `gs1:Temperature` → `https://gs1.org/voc/Temperature` when the prefix is declared; else unchanged. */
export function expandCurie(value: string, prefixes: ReadonlyMap<string, string>): string {
  const colon = value.indexOf(':');
  if (colon <= 0) return value;
  const ns = prefixes.get(value.slice(0, colon));
  return ns === undefined || value.startsWith('//', colon + 1) ? value : ns + value.slice(colon + 1);
}

/** GS1 mod-10 check digit of the digits given (without the check digit). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Company prefix + item reference (indicator first) → GTIN-14 with its check digit. */
function gtin14(companyPrefix: string, itemRef: string): string {
  const body = itemRef.charAt(0) + companyPrefix + itemRef.slice(1);
  return body + gs1CheckDigit(body);
}

function withCheck(body: string): string {
  return body + gs1CheckDigit(body);
}

/** GS1 keys whose key qualifiers stay in the constrained canonical form (CBV 2.0, 8.9 rule 18). */
const DL_KEEP: Record<string, string[]> = {
  '00': [],
  '01': ['21', '10', '235'],
  '253': [],
  '255': [],
  '401': [],
  '402': [],
  '414': ['254'],
  '417': [],
  '8003': [],
  '8004': [],
  '8006': ['21', '10'],
  '8010': ['8011'],
  '8017': [],
  '8018': [],
};

/** A GS1 Digital Link URI on any domain → `https://id.gs1.org/…` with only the identifying path, no query. */
function constrainDigitalLink(uri: string): string | undefined {
  const m = /^https?:\/\/[^/]+((?:\/[^/?#]+\/[^/?#]+)+)\/?(?:[?#].*)?$/.exec(uri);
  if (!m) return undefined;
  const parts = m[1].split('/').slice(1);
  const keyIndex = parts.findIndex((p, i) => i % 2 === 0 && p in DL_KEEP);
  if (keyIndex < 0) return undefined;
  const key = parts[keyIndex];
  const qualifiers = new Map<string, string>();
  for (let i = keyIndex + 2; i + 1 < parts.length; i += 2) qualifiers.set(parts[i], parts[i + 1]);
  const kept = [key, parts[keyIndex + 1]];
  // Only the most fine-grained level of identification: a serial beats a lot for a GTIN.
  const wanted = key === '01' ? [['21', '235', '10'].find((q) => qualifiers.has(q))].filter((q) => q !== undefined) : DL_KEEP[key];
  for (const q of wanted) if (qualifiers.has(q)) kept.push(q, qualifiers.get(q)!);
  return `${GS1_RESOLVER}/${kept.join('/')}`;
}

/** EPC pure-identity / class URN → canonical GS1 Digital Link URI (the schemes this platform meets). */
function urnToDigitalLink(urn: string): string | undefined {
  const m = /^urn:epc:(id|class|idpat):([a-z]+):(.+)$/.exec(urn);
  if (!m) return undefined;
  const [, kind, scheme, rest] = m;
  const f = rest.split('.');
  const dec = (s: string) => decodeURIComponent(s);
  if (kind === 'id' && scheme === 'sgtin' && f.length === 3) return `${GS1_RESOLVER}/01/${gtin14(f[0], f[1])}/21/${dec(f[2])}`;
  if (kind === 'class' && scheme === 'lgtin' && f.length >= 3)
    return `${GS1_RESOLVER}/01/${gtin14(f[0], f[1])}/10/${dec(f.slice(2).join('.'))}`;
  if (kind === 'idpat' && scheme === 'sgtin' && f.length === 3 && f[2] === '*') return `${GS1_RESOLVER}/01/${gtin14(f[0], f[1])}`;
  if (kind === 'id' && scheme === 'sscc' && f.length === 2) return `${GS1_RESOLVER}/00/${withCheck(f[1].charAt(0) + f[0] + f[1].slice(1))}`;
  if (kind === 'id' && scheme === 'sgln' && f.length === 3) {
    const gln = withCheck(f[0] + f[1]);
    return f[2] === '0' ? `${GS1_RESOLVER}/414/${gln}` : `${GS1_RESOLVER}/414/${gln}/254/${dec(f[2])}`;
  }
  if (kind === 'id' && scheme === 'pgln' && f.length === 2) return `${GS1_RESOLVER}/417/${withCheck(f[0] + f[1])}`;
  return undefined;
}

/** An identifier as the hash wants it: GS1 keys as constrained canonical Digital Link, anything else as given. */
export function canonicalIdentifier(value: string, prefixes: ReadonlyMap<string, string>): string {
  const v = value.trim();
  if (v.startsWith('urn:epc:')) return urnToDigitalLink(v) ?? v;
  if (/^https?:\/\//.test(v)) return constrainDigitalLink(v) ?? v;
  return expandCurie(v, prefixes);
}
