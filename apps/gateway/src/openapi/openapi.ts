import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The served OpenAPI document: the full truth of the public REST contract. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Nông sản marketplace API')
    .setDescription(
      'REST API for partner apps (farm households and cooperatives), storefronts, postal carriers and operators. ' +
        'Amounts are integer đồng in fields ending `Vnd`; times are ISO 8601 with offset; errors are RFC 9457 problem+json.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key issued by POST /v1/admin/api-keys' }, 'apiKey')
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function serveOpenApi(app: INestApplication): void {
  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
}
