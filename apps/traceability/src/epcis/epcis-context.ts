import { readSchemaFile } from './schema-files';

/** The JSON-LD context every EPCIS 2.0 document references. */
export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/**
 * Our vocabulary namespace for what GS1's has no term for (farm activities, inputs, pre-harvest
 * intervals, who recorded an entry). An identifier, not a web address that must resolve.
 */
export const NONGSAN_NS = 'https://ns.nongsan.vn/epcis/';
export const NONGSAN_PREFIX = 'nongsan';

/** The `@context` of documents we write. */
export const EXPORT_CONTEXT = [EPCIS_CONTEXT_URL, { [NONGSAN_PREFIX]: NONGSAN_NS }];

function prefixesOf(context: Record<string, unknown>, into: Map<string, string>): void {
  for (const [term, value] of Object.entries(context)) {
    if (typeof value === 'string' && /[/#:]$/.test(value) && !term.startsWith('@')) into.set(term, value);
  }
}

/** Prefixes declared by GS1's context (`cbv`, `cbvmda`, `gs1`, …), read once. */
const STANDARD_PREFIXES: ReadonlyMap<string, string> = (() => {
  const doc = readSchemaFile('epcis-context.jsonld') as { '@context': Record<string, unknown> };
  const map = new Map<string, string>();
  prefixesOf(doc['@context'], map);
  return map;
})();

/** The prefixes in force for a document: GS1's plus those its own `@context` objects declare. */
export function prefixesFor(context: unknown): ReadonlyMap<string, string> {
  const map = new Map(STANDARD_PREFIXES);
  for (const entry of Array.isArray(context) ? context : [context]) {
    if (entry && typeof entry === 'object') prefixesOf(entry as Record<string, unknown>, map);
  }
  return map;
}

/** Prefixes of the documents we write (and of every event we store, which carries our prefix). */
export const EXPORT_PREFIXES = prefixesFor(EXPORT_CONTEXT);
