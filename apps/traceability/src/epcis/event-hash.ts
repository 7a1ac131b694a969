import { createHash } from 'node:crypto';
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

/** UTC with exactly millisecond precision (a 4th fractional digit rounds), `Z`. */
export function canonicalTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(value.trim());
  if (!m) return value.trim();
  const fraction = (m[2] ?? '').padEnd(4, '0');
  const ms = Math.round(Number(`${fraction.slice(0, 3)}.${fraction.slice(3)}`));
  const base = Date.parse(`${m[1]}${m[3].toUpperCase() === 'Z' ? 'Z' : m[3]}`);
  return new Date(base + ms).toISOString();
}

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

/** Normalised values repeat across a lot's events (its class id, places, steps): computed once each. */
const MEMO_LIMIT = 50_000;

export class EventHasher {
  private readonly memo = new Map<string, string>();

  constructor(private readonly prefixes: ReadonlyMap<string, string>) {}

  private remember(key: string, compute: () => string): string {
    let v = this.memo.get(key);
    if (v === undefined) {
      v = compute();
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(key, v);
    }
    return v;
  }

  private id(v: string): string {
    return this.remember(`i|${v}`, () => canonicalIdentifier(v, this.prefixes));
  }

  /** The pre-hash string of one event. */
  preHash(event: Obj): string {
    const out: string[] = [`eventType=${scalar(event.type)}`];
    const add = (key: string, value: Json | undefined, f: (v: string) => string = (v) => v) => {
      if (value !== undefined && value !== null && value !== '') out.push(`${key}=${f(scalar(value))}`);
    };
    add('eventTime', event.eventTime, canonicalTime);
    add('eventTimeZoneOffset', event.eventTimeZoneOffset);
    this.epcList(out, 'epcList', event.epcList);
    add('parentID', event.parentID, (v) => this.id(v));
    this.epcList(out, 'inputEPCList', event.inputEPCList);
    this.epcList(out, 'childEPCs', event.childEPCs);
    for (const list of QUANTITY_LISTS_1) this.quantityList(out, list, event[list]);
    this.epcList(out, 'outputEPCList', event.outputEPCList);
    this.quantityList(out, 'outputQuantityList', event.outputQuantityList);
    add('action', event.action);
    add('transformationID', event.transformationID, (v) => this.id(v));
    add('bizStep', event.bizStep, (v) => this.vocab(v, 'bizStep'));
    add('disposition', event.disposition, (v) => this.vocab(v, 'disposition'));
    this.persistentDisposition(out, event.persistentDisposition);
    this.location(out, 'readPoint', event.readPoint);
    this.location(out, 'bizLocation', event.bizLocation);
    this.typedList(out, 'bizTransactionList', 'bizTransaction', event.bizTransactionList, 'bizTransactionType');
    this.typedList(out, 'sourceList', 'source', event.sourceList, 'sourceDestType');
    this.typedList(out, 'destinationList', 'destination', event.destinationList, 'sourceDestType');
    this.sensorElements(out, event.sensorElementList);
    if (event.ilmd && typeof event.ilmd === 'object' && !Array.isArray(event.ilmd)) {
      out.push('ilmd', ...this.extensions(event.ilmd, new Set()));
    }
    out.push(...this.extensions(event, STANDARD));
    return out.join('');
  }

  /** `ni:///sha-256;<hex>?ver=CBV2.0`. */
  hash(event: Obj): string {
    return `ni:///sha-256;${createHash('sha256').update(this.preHash(event), 'utf8').digest('hex')}?ver=${HASH_ALGORITHM_VERSION}`;
  }

  private vocab(v: string, kind: VocabKind): string {
    return this.remember(`${kind}|${v}`, () => expandVocabulary(v, kind, this.prefixes));
  }

  private epcList(out: string[], key: string, list: Json | undefined): void {
    if (!Array.isArray(list) || list.length === 0) return;
    out.push(key, ...list.map((e) => `epc=${this.id(scalar(e))}`).sort(lexical));
  }

  private quantityList(out: string[], key: string, list: Json | undefined): void {
    if (!Array.isArray(list) || list.length === 0) return;
    const elements = list.map((q) => {
      const e = (q ?? {}) as Obj;
      let s = `quantityElementepcClass=${this.id(scalar(e.epcClass))}`;
      if (e.quantity !== undefined) s += `quantity=${scalar(e.quantity)}`;
      if (e.uom !== undefined) s += `uom=${scalar(e.uom)}`;
      return s;
    });
    out.push(key, ...elements.sort(lexical));
  }

  private persistentDisposition(out: string[], pd: Json | undefined): void {
    if (!pd || typeof pd !== 'object' || Array.isArray(pd)) return;
    const part = (k: 'set' | 'unset') =>
      Array.isArray(pd[k]) ? pd[k].map((v) => `${k}=${this.vocab(scalar(v), 'disposition')}`).sort(lexical) : [];
    out.push('persistentDisposition', ...part('set'), ...part('unset'));
  }

  private location(out: string[], key: string, loc: Json | undefined): void {
    if (!loc || typeof loc !== 'object' || Array.isArray(loc)) return;
    out.push(`${key}id=${this.id(scalar(loc.id))}`, ...this.extensions(loc, new Set(['id'])));
  }

  private typedList(out: string[], key: string, idKey: string, list: Json | undefined, typeKind: VocabKind): void {
    if (!Array.isArray(list) || list.length === 0) return;
    const items = list.map((raw) => {
      const e = (raw ?? {}) as Obj;
      const id = idKey === 'bizTransaction' ? scalar(e[idKey]) : this.id(scalar(e[idKey]));
      return `${idKey}=${id}${e.type !== undefined ? `type=${this.vocab(scalar(e.type), typeKind)}` : ''}`;
    });
    out.push(key, ...items.sort(lexical));
  }

  private sensorElements(out: string[], list: Json | undefined): void {
    if (!Array.isArray(list) || list.length === 0) return;
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
        meta ? `sensorMetadata${fields(meta, SENSOR_METADATA)}${this.extensions(meta, new Set(SENSOR_METADATA)).join('')}` : '',
        ...reports
          .map((r) => `sensorReport${fields(r, SENSOR_REPORT)}${this.extensions(r, new Set(SENSOR_REPORT)).join('')}`)
          .sort(lexical),
        ...this.extensions(el, new Set(['sensorMetadata', 'sensorReport'])),
      ].join('');
    });
    out.push('sensorElementList', ...elements.sort(lexical));
  }

  /** User extension elements: `{namespace}local=value`, nested ones after their parent, siblings sorted. */
  private extensions(o: Obj, skip: ReadonlySet<string>): string[] {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(o)) {
      if (skip.has(key) || NOT_HASHED.has(key) || key.startsWith('@')) continue;
      parts.push(...this.element(this.qualifiedName(key), value));
    }
    return parts.sort(lexical);
  }

  private element(name: string, value: Json): string[] {
    if (Array.isArray(value)) return value.flatMap((v) => this.element(name, v));
    if (value !== null && typeof value === 'object') {
      if ('#text' in value) return [`${name}=${scalar(value['#text'])}`];
      return [`${name}${this.extensions(value, new Set()).join('')}`];
    }
    if (value === null || value === '') return [name];
    return [`${name}=${typeof value === 'string' ? expandCurie(value.trim(), this.prefixes) : scalar(value)}`];
  }

  /** `nongsan:input` → `{https://ns.nongsan.vn/epcis/}input`; a full IRI key keeps its namespace split at the last `/` or `#`. */
  private qualifiedName(key: string): string {
    return this.remember(`q|${key}`, () => this.qualify(key));
  }

  private qualify(key: string): string {
    const colon = key.indexOf(':');
    if (colon > 0) {
      const ns = this.prefixes.get(key.slice(0, colon));
      if (ns !== undefined) return `{${ns}}${key.slice(colon + 1)}`;
    }
    const cut = Math.max(key.lastIndexOf('/'), key.lastIndexOf('#'));
    return cut > 0 ? `{${key.slice(0, cut + 1)}}${key.slice(cut + 1)}` : key;
  }
}
