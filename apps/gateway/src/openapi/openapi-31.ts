import type { OpenAPIObject } from '@nestjs/swagger';

type Node = Record<string, unknown>;

/**
 * The document @nestjs/swagger builds (OpenAPI 3.0: `nullable`) as OpenAPI 3.1, whose schemas are
 * JSON Schema 2020-12 and which has a real `webhooks` section (ADR 0050). The one 3.0-only keyword
 * Nest emits is `nullable` (no boolean `exclusiveMinimum`, no `$ref` with siblings): `null` joins
 * the `type` (and the `enum`), and a nullable composition (`allOf` of a `$ref`) becomes `anyOf` it
 * or `null`. `example` stays: 3.1 keeps it (deprecated in favour of `examples`, read by every tool).
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  document.openapi = '3.1.0';
  convert(document);
  return document;
}

function convert(node: unknown): void {
  if (Array.isArray(node)) {
    for (const x of node) convert(x);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Node;
  for (const v of Object.values(o)) convert(v);
  if (typeof o.nullable !== 'boolean') return;
  const nullable = o.nullable;
  delete o.nullable;
  if (!nullable) return;
  const composed = ['allOf', 'oneOf', 'anyOf', '$ref'].find((k) => k in o);
  if (composed) {
    // The composition (and its type) as one branch, null as the other; annotations stay outside.
    const branch: Node = {};
    for (const k of [composed, 'type', 'properties', 'required', 'items', 'enum']) {
      if (k in o) {
        branch[k] = o[k];
        delete o[k];
      }
    }
    o.anyOf = [branch, { type: 'null' }];
    return;
  }
  if (typeof o.type === 'string') o.type = [o.type, 'null'];
  else if (Array.isArray(o.type) && !o.type.includes('null')) o.type = [...(o.type as string[]), 'null'];
  if (Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...(o.enum as unknown[]), null];
}
