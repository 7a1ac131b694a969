import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { describeWebhooks } from '../webhooks/webhook-schemas';
import { OPERATION_IDS } from './operation-ids';
import { toOpenApi31 } from './openapi-31';

/** The served OpenAPI document (3.1, with a `webhooks` section): the full truth of the public REST contract. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Nông sản marketplace API')
    .setDescription(
      'REST API for partner apps (farm households and cooperatives), storefronts, postal carriers and operators. ' +
        'Amounts are integer đồng in fields ending `Vnd`; times are ISO 8601 with offset; errors are RFC 9457 problem+json.',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'opaque API key', description: 'API key issued by POST /v1/admin/api-keys' },
      'apiKey',
    )
    .build();
  return toOpenApi31(describeWebhooks(describeCsvBodies(nameOperations(SwaggerModule.createDocument(app, config)))));
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Gives every operation its published `operationId` (OPERATION_IDS); fails on one without, or on a stale entry. */
function nameOperations(document: OpenAPIObject): OpenAPIObject {
  const unnamed: string[] = [];
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const id = OPERATION_IDS[key];
      if (id) op.operationId = id;
      else unnamed.push(key);
      seen.add(key);
    }
  }
  const stale = Object.keys(OPERATION_IDS).filter((key) => !seen.has(key));
  if (unnamed.length || stale.length) {
    throw new Error(
      `apps/gateway/src/openapi/operation-ids.ts: ${[...unnamed.map((k) => `no operationId for ${k}`), ...stale.map((k) => `no operation ${k}`)].join('; ')}`,
    );
  }
  return document;
}

/**
 * Operations that take JSON or CSV: Nest's decorators give both media types the JSON schema; a
 * CSV body is text (a header row, then one line per record).
 */
function describeCsvBodies(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const op of [item.post, item.put]) {
      const body = op?.requestBody;
      if (body && 'content' in body && body.content['text/csv']) {
        body.content['text/csv'] = {
          schema: { type: 'string', description: 'CSV with a header row naming the fields of the JSON lines.' },
        };
      }
    }
  }
  return document;
}

export function serveOpenApi(app: INestApplication): void {
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
}
