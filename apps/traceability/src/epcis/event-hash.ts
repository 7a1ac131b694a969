import { hash as digest } from 'node:crypto';
import { canonicalIdentifier, expandCurie, expandVocabulary, type VocabKind } from './cbv';

/**
 * The EPCIS Event Hash ID (CBV 2.0, section 8.9; reference implementation
 * github.com/RalphTro/epcis-event-hash-generator): a pre-hash string built from the event's
 * fields in the canonical order, normalised so that every serialisation of the same event gives
 * the same string, then SHA-256 as an RFC 6920 `ni` URI. See docs/adr/0011.
 */
export const HASH_ALGORITHM_VERSION = 'CBV2.0';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** Fields the hash leaves out (identity, bookkeeping and the error declaration, per the CBV order). */
const NOT_HASHED = new Set(['@context', 'type', 'eventID', 'recordTime', 'errorDeclaration', 'certificationInfo']);

const EPC_LISTS = ['epcList', 'parentID', 'inputEPCList', 'childEPCs'] as const;
const QUANTITY_LISTS_1 = ['quantityList', 'childQuantityList', 'inputQuantityList'] as const;
const SENSOR_METADATA = ['time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules'];
const SENSOR_REPORT = [
  'type', 'exception', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'time', 'microorganism',
  'chemicalSubstance', 'value', 'component', 'stringValue', 'booleanValue', 'hexBinaryValue', 'uriValue', 'minValue',
  'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue', 'uom', 'coordinateReferenceSystem',
]; // prettier-ignore
const STANDARD = new Set<string>([
  ...EPC_LISTS, ...QUANTITY_LISTS_1, 'eventTime', 'eventTimeZoneOffset', 'outputEPCList', 'outputQuantityList', 'action',
  'transformationID', 'bizStep', 'disposition', 'persistentDisposition', 'readPoint', 'bizLocation', 'bizTransactionList',
  'sourceList', 'destinationList', 'sensorElementList', 'ilmd',
]); // prettier-ignore

/** Byte-wise (UTF-16 code unit, equal to code point order for the BMP) lexical order, as the rules require. */
const lexical = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts in place in `lexical` order: inline insertion sort for the short lists events have, `sort` beyond. */
function sortLexical(a: string[]): string[] {
  if (a.length > 24) return a.sort(lexical);
  for (let i = 1; i < a.length; i++) {
    const x = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > x) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}

/** UTC with exactly millisecond precision (a 4th fractional digit rounds), `Z`. */
export function canonicalTime(value: string): string {
  const v = value.trim();
  // What we store is already canonical (`toISOString()`): spare it the parse and reformat.
  if (isCanonicalUtc(v)) return v;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(v);
  if (!m) return v;
  const fraction = (m[2] ?? '').padEnd(4, '0');
  const ms = Math.round(Number(`${fraction.slice(0, 3)}.${fraction.slice(3)}`));
  const base = Date.parse(`${m[1]}${m[3].toUpperCase() === 'Z' ? 'Z' : m[3]}`);
  return new Date(base + ms).toISOString();
}

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** `YYYY-MM-DDTHH:MM:SS.mmmZ` naming a real instant, so that `toISOString()` would give it back unchanged. */
function isCanonicalUtc(v: string): boolean {
  if (v.length !== 24 || !CANONICAL_UTC.test(v)) return false;
  const n = (at: number, digits: number) => {
    let x = 0;
    for (let i = at; i < at + digits; i++) x = x * 10 + v.charCodeAt(i) - 48;
    return x;
  };
  const year = n(0, 4);
  const month = n(5, 2);
  const day = n(8, 2);
  if (month < 1 || month > 12 || day < 1 || n(11, 2) > 23 || n(14, 2) > 59 || n(17, 2) > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Numbers without trailing zeros or exponent noise (`1.0` → `1`, `0.3434` stays). */
function canonicalNumber(n: number): string {
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

function scalar(v: Json): string {
  if (typeof v === 'number') return canonicalNumber(v);
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean' || v === null) return String(v);
  return JSON.stringify(v);
}

/** Whether `add` writes the field: absent, null and empty values are left out. */
const present = (v: Json | undefined): v is Json => v !== undefined && v !== null && v !== '';

/** Normalised values repeat across a lot's events (its class id, places, steps): computed once each. */
const MEMO_LIMIT = 50_000;

class Memo {
  private readonly values = new Map<string, string>();

  get(key: string, compute: (key: string) => string): string {
    let v = this.values.get(key);
    if (v === undefined) {
      v = compute(key);
      if (this.values.size >= MEMO_LIMIT) this.values.clear();
      this.values.set(key, v);
    }
    return v;
  }
}

/** Memo of a function of two keys (an extension's name and its value), without building a combined key. */
class PairMemo<V> {
  private readonly values = new Map<string, Map<V, string>>();
  private size = 0;

  constructor(private readonly limit: number) {}

  get(key: string, value: V, compute: (key: string, value: V) => string): string {
    let inner = this.values.get(key);
    if (inner === undefined) {
      inner = new Map();
      this.values.set(key, inner);
    }
    let v = inner.get(value);
    if (v === undefined) {
      v = compute(key, value);
      if (++this.size > this.limit) {
        this.values.clear();
        this.size = 0;
      }
      inner.set(value, v);
    }
    return v;
  }
}

const NOTHING_SKIPPED: ReadonlySet<string> = new Set();
const ID_ONLY: ReadonlySet<string> = new Set(['id']);
const SENSOR_METADATA_KEYS: ReadonlySet<string> = new Set(SENSOR_METADATA);
const SENSOR_REPORT_KEYS: ReadonlySet<string> = new Set(SENSOR_REPORT);
const SENSOR_ELEMENT_KEYS: ReadonlySet<string> = new Set(['sensorMetadata', 'sensorReport']);

/**
 * Builds pre-hash strings. Verification hashes every event of a lot (10,000 and more) in one go,
 * so the hot path concatenates instead of collecting parts, and remembers normalised values.
 */
export class EventHasher {
  private readonly ids = new Memo();
  private readonly names = new Memo();
  /** Extensions with a plain value (`nongsan:input: "NPK 16-16-8"`), most of what farm entries carry; some are unique (ids). */
  private readonly leaves = new PairMemo<string | number | boolean>(20_000);
  private readonly vocabularies: Record<VocabKind, Memo> = {
    bizStep: new Memo(),
    disposition: new Memo(),
    bizTransactionType: new Memo(),
    sourceDestType: new Memo(),
  };
  private readonly canonicalId = (v: string) => canonicalIdentifier(v, this.prefixes);
  private readonly qualify = (key: string) => qualifiedName(key, this.prefixes);
  private readonly leaf = (key: string, value: string | number | boolean) => {
    const parts: string[] = [];
    this.element(parts, this.names.get(key, this.qualify), value);
    return parts[0];
  };
  private readonly expanders: Record<VocabKind, (v: string) => string> = {
    bizStep: (v) => expandVocabulary(v, 'bizStep', this.prefixes),
    disposition: (v) => expandVocabulary(v, 'disposition', this.prefixes),
    bizTransactionType: (v) => expandVocabulary(v, 'bizTransactionType', this.prefixes),
    sourceDestType: (v) => expandVocabulary(v, 'sourceDestType', this.prefixes),
  };

  constructor(private readonly prefixes: ReadonlyMap<string, string>) {}

  private id(v: string): string {
    return this.ids.get(v, this.canonicalId);
  }

  private vocab(v: string, kind: VocabKind): string {
    return this.vocabularies[kind].get(v, this.expanders[kind]);
  }

  /** The pre-hash string of one event. */
  preHash(event: Obj): string {
    let s = `eventType=${scalar(event.type)}`;
    if (present(event.eventTime)) s += `eventTime=${canonicalTime(scalar(event.eventTime))}`;
    if (present(event.eventTimeZoneOffset)) s += `eventTimeZoneOffset=${scalar(event.eventTimeZoneOffset)}`;
    s += this.epcList('epcList', event.epcList);
    if (present(event.parentID)) s += `parentID=${this.id(scalar(event.parentID))}`;
    s += this.epcList('inputEPCList', event.inputEPCList);
    s += this.epcList('childEPCs', event.childEPCs);
    for (const list of QUANTITY_LISTS_1) s += this.quantityList(list, event[list]);
    s += this.epcList('outputEPCList', event.outputEPCList);
    s += this.quantityList('outputQuantityList', event.outputQuantityList);
    if (present(event.action)) s += `action=${scalar(event.action)}`;
    if (present(event.transformationID)) s += `transformationID=${this.id(scalar(event.transformationID))}`;
    if (present(event.bizStep)) s += `bizStep=${this.vocab(scalar(event.bizStep), 'bizStep')}`;
    if (present(event.disposition)) s += `disposition=${this.vocab(scalar(event.disposition), 'disposition')}`;
    s += this.persistentDisposition(event.persistentDisposition);
    s += this.location('readPoint', event.readPoint);
    s += this.location('bizLocation', event.bizLocation);
    s += this.typedList('bizTransactionList', 'bizTransaction', event.bizTransactionList, 'bizTransactionType');
    s += this.typedList('sourceList', 'source', event.sourceList, 'sourceDestType');
    s += this.typedList('destinationList', 'destination', event.destinationList, 'sourceDestType');
    s += this.sensorElements(event.sensorElementList);
    if (event.ilmd && typeof event.ilmd === 'object' && !Array.isArray(event.ilmd)) {
      s += `ilmd${this.extensions(event.ilmd, NOTHING_SKIPPED).join('')}`;
    }
    return s + this.extensions(event, STANDARD).join('');
  }

  /** `ni:///sha-256;<hex>?ver=CBV2.0`. */
  hash(event: Obj): string {
    return `ni:///sha-256;${digest('sha256', this.preHash(event))}?ver=${HASH_ALGORITHM_VERSION}`;
  }

  private epcList(key: string, list: Json | undefined): string {
    if (!Array.isArray(list) || list.length === 0) return '';
    const epcs: string[] = [];
    for (const e of list) epcs.push(`epc=${this.id(scalar(e))}`);
    return key + sortLexical(epcs).join('');
  }

  private quantityList(key: string, list: Json | undefined): string {
    if (!Array.isArray(list) || list.length === 0) return '';
    const elements: string[] = [];
    for (const q of list) {
      const e = (q ?? {}) as Obj;
      let s = `quantityElementepcClass=${this.id(scalar(e.epcClass))}`;
      if (e.quantity !== undefined) s += `quantity=${scalar(e.quantity)}`;
      if (e.uom !== undefined) s += `uom=${scalar(e.uom)}`;
      elements.push(s);
    }
    return key + sortLexical(elements).join('');
  }

  private persistentDisposition(pd: Json | undefined): string {
    if (!pd || typeof pd !== 'object' || Array.isArray(pd)) return '';
    const part = (k: 'set' | 'unset') =>
      Array.isArray(pd[k]) ? pd[k].map((v) => `${k}=${this.vocab(scalar(v), 'disposition')}`).sort(lexical) : [];
    return `persistentDisposition${part('set').join('')}${part('unset').join('')}`;
  }

  private location(key: string, loc: Json | undefined): string {
    if (!loc || typeof loc !== 'object' || Array.isArray(loc)) return '';
    return `${key}id=${this.id(scalar(loc.id))}${this.extensions(loc, ID_ONLY).join('')}`;
  }

  private typedList(key: string, idKey: string, list: Json | undefined, typeKind: VocabKind): string {
    if (!Array.isArray(list) || list.length === 0) return '';
    const items: string[] = [];
    for (const raw of list) {
      const e = (raw ?? {}) as Obj;
      const id = idKey === 'bizTransaction' ? scalar(e[idKey]) : this.id(scalar(e[idKey]));
      items.push(`${idKey}=${id}${e.type !== undefined ? `type=${this.vocab(scalar(e.type), typeKind)}` : ''}`);
    }
    return key + sortLexical(items).join('');
  }

  private sensorElements(list: Json | undefined): string {
    if (!Array.isArray(list) || list.length === 0) return '';
    const fields = (o: Obj, order: string[]) =>
      order
        .filter((k) => o[k] !== undefined && o[k] !== null)
        .map(
          (k) =>
            `${k}=${k === 'type' || k.endsWith('Metadata') || k === 'component' ? expandCurie(scalar(o[k]), this.prefixes) : k.endsWith('ime') ? canonicalTime(scalar(o[k])) : scalar(o[k])}`,
        )
        .join('');
    const elements = list.map((raw) => {
      const el = (raw ?? {}) as Obj;
      const meta = el.sensorMetadata as Obj | undefined;
      const reports = Array.isArray(el.sensorReport) ? (el.sensorReport as Obj[]) : [];
      return [
        'sensorElement',
        meta ? `sensorMetadata${fields(meta, SENSOR_METADATA)}${this.extensions(meta, SENSOR_METADATA_KEYS).join('')}` : '',
        ...reports.map((r) => `sensorReport${fields(r, SENSOR_REPORT)}${this.extensions(r, SENSOR_REPORT_KEYS).join('')}`).sort(lexical),
        ...this.extensions(el, SENSOR_ELEMENT_KEYS),
      ].join('');
    });
    return `sensorElementList${sortLexical(elements).join('')}`;
  }

  /** User extension elements: `{namespace}local=value`, nested ones after their parent, siblings sorted. */
  private extensions(o: Obj, skip: ReadonlySet<string>): string[] {
    const parts: string[] = [];
    for (const key of Object.keys(o)) {
      if (skip.has(key) || NOT_HASHED.has(key) || key.startsWith('@')) continue;
      const value = o[key];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        parts.push(this.leaves.get(key, value, this.leaf));
      else this.element(parts, this.names.get(key, this.qualify), value);
    }
    return sortLexical(parts);
  }

  private element(parts: string[], name: string, value: Json): void {
    if (Array.isArray(value)) {
      for (const v of value) this.element(parts, name, v);
    } else if (value !== null && typeof value === 'object') {
      parts.push('#text' in value ? `${name}=${scalar(value['#text'])}` : `${name}${this.extensions(value, NOTHING_SKIPPED).join('')}`);
    } else if (value === null || value === '') {
      parts.push(name);
    } else {
      parts.push(`${name}=${typeof value === 'string' ? expandCurie(value.trim(), this.prefixes) : scalar(value)}`);
    }
  }
}

/** `nongsan:input` → `{https://ns.nongsan.vn/epcis/}input`; a full IRI key keeps its namespace split at the last `/` or `#`. */
function qualifiedName(key: string, prefixes: ReadonlyMap<string, string>): string {
  const colon = key.indexOf(':');
  if (colon > 0) {
    const ns = prefixes.get(key.slice(0, colon));
    if (ns !== undefined) return `{${ns}}${key.slice(colon + 1)}`;
  }
  const cut = Math.max(key.lastIndexOf('/'), key.lastIndexOf('#'));
  return cut > 0 ? `{${key.slice(0, cut + 1)}}${key.slice(cut + 1)}` : key;
}
