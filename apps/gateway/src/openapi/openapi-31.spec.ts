import type { OpenAPIObject } from '@nestjs/swagger';
import { toOpenApi31 } from './openapi-31';

const doc = (schemas: Record<string, unknown>) =>
  ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } }) as unknown as OpenAPIObject;

describe('toOpenApi31', () => {
  it('says 3.1.0 and turns nullable into JSON Schema: null in the type, the enum, or beside a composition', () => {
    const out = toOpenApi31(
      doc({
        A: {
          type: 'object',
          properties: {
            name: { type: 'string', nullable: true, example: 'Vải' },
            status: { type: 'string', enum: ['a', 'b'], nullable: true },
            seller: { allOf: [{ $ref: '#/components/schemas/B' }], type: 'object', nullable: true, description: 'd' },
            count: { type: 'integer', nullable: false },
            nullable: { type: 'boolean' },
          },
        },
      }),
    );
    expect(out.openapi).toBe('3.1.0');
    expect((out.components!.schemas!.A as { properties: unknown }).properties).toEqual({
      name: { type: ['string', 'null'], example: 'Vải' },
      status: { type: ['string', 'null'], enum: ['a', 'b', null] },
      seller: { description: 'd', anyOf: [{ allOf: [{ $ref: '#/components/schemas/B' }], type: 'object' }, { type: 'null' }] },
      count: { type: 'integer' },
      nullable: { type: 'boolean' },
    });
  });

  it('leaves no nullable keyword anywhere', () => {
    const out = toOpenApi31(
      doc({ X: { type: 'array', items: { type: 'object', nullable: true, properties: { y: { type: 'number', nullable: true } } } } }),
    );
    expect(JSON.stringify(out)).not.toContain('"nullable":true');
    expect(out.components!.schemas!.X).toEqual({
      type: 'array',
      items: { type: ['object', 'null'], properties: { y: { type: ['number', 'null'] } } },
    });
  });
});
