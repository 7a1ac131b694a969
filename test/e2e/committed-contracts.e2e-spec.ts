import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from '../support/api';
import { AsyncApiMessageValidator } from '../support/asyncapi-messages';

const committed = (file: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../docs/api', file), 'utf8'));

/**
 * docs/api/ holds the contracts partners and carriers code against, written by `npm run contracts`
 * without a server. They must be exactly what the running gateway serves.
 */
describe('committed contracts (docs/api)', () => {
  const api = new Api();

  it('openapi.json is the document the gateway serves, with a stable camelCase operationId on every operation', async () => {
    const served = (await api.get('/openapi.json')).body as { paths: Record<string, Record<string, { operationId?: string }>> };
    expect(served).toEqual(committed('openapi.json'));
    const ids = Object.values(served.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter((id) => !/^[a-z]+[A-Za-z]*$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(served.paths['/v1/orders']).toMatchObject({ post: { operationId: 'placeOrder' }, get: { operationId: 'listOrders' } });
    expect(served.paths['/v1/orders/{id}/cancel'].post.operationId).toBe('cancelOrder');
  });

  it('asyncapi.json is the document the gateway serves', async () => {
    expect((await api.get('/asyncapi.json')).body).toEqual(committed('asyncapi.json'));
  });

  it('the message check used on fulfilment.shipments refuses what the AsyncAPI schema does not describe', () => {
    const contract = new AsyncApiMessageValidator('shipments');
    const message = {
      specversion: '1.0',
      id: '019a0000-0000-7000-8000-000000000001',
      source: '/nongsan/orders',
      type: 'fulfilment.shipment.cancelled.v1',
      subject: 'shp-1',
      time: '2026-01-29T08:00:00+07:00',
      datacontenttype: 'application/json',
      data: { shipmentId: 'shp-1', orderId: 'ord-1', carrierCode: 'VTP', reason: 'buyer cancelled', cancelledAt: '2026-01-29T08:00:00Z' },
    };
    expect(contract.violations('shp-1', message)).toEqual([]);
    expect(contract.violations('shp-2', message)).toEqual([expect.stringContaining('is not the subject')]);
    const { reason: _reason, ...withoutReason } = message.data;
    expect(contract.violations('shp-1', { ...message, data: withoutReason })).toEqual([
      expect.stringContaining("must have required property 'reason'"),
    ]);
    expect(contract.violations('shp-1', { ...message, type: 'fulfilment.shipment.lost.v1' })).toEqual([
      expect.stringContaining('not a message'),
    ]);
  });
});
