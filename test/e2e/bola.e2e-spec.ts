import { Api, expectProblem, type ApiResponse } from '../support/api';
import { eventually } from '../support/infra';
import { address, awaitOrderable, PartnerFixture } from '../support/marketplace';

/**
 * Broken object-level authorisation (OWASP API1:2023), every resource kind: what partner A (and
 * its storefront's orders) owns, partner B and another storefront can neither read nor change —
 * they get 404, exactly as for an id that does not exist, so ids cannot even be probed.
 */
describe('cross-tenant reads and writes (BOLA)', () => {
  const api = new Api();
  let a: PartnerFixture;
  let b: PartnerFixture;
  let storefrontA: string;
  let storefrontB: string;
  const ids: Record<'seller' | 'product' | 'lot' | 'order', string> = { seller: '', product: '', lot: '', order: '' };

  beforeAll(async () => {
    a = await new PartnerFixture(api).init();
    b = await new PartnerFixture(api).init();
    storefrontA = (await api.issueKey('storefront')).key;
    storefrontB = (await api.issueKey('storefront')).key;
    ids.seller = (await a.seller('Hộ bà Lan', '24')).id;
    ids.product = (await a.product(ids.seller)).id;
    const lot = await eventually(
      async () => {
        const r = await api.post('/v1/lots', { sellerId: ids.seller, productName: 'Vải thiều Lục Ngạn' }, { key: a.key });
        return r.status === 201 ? r : undefined;
      },
      20000,
      'the lot',
    );
    ids.lot = lot.body.id;
    await awaitOrderable(api, storefrontA, [ids.product]);
    const order = await api.post(
      '/v1/orders',
      {
        buyer: { name: 'Nguyễn An', phone: '0903000111' },
        address: address('79'),
        items: [{ productId: ids.product, quantity: 1 }],
        paymentMethod: 'cod',
      },
      { key: storefrontA },
    );
    ids.order = order.body.id;
  });

  const attempts = (): [string, () => Promise<ApiResponse>][] => [
    ['read seller', () => api.get(`/v1/sellers/${ids.seller}`, { key: b.key })],
    [
      'list product under seller',
      () =>
        api.post(
          '/v1/products',
          { sellerId: ids.seller, name: 'x', categoryId: 'trai-cay', unit: 'kg', priceVnd: 1000, stock: 1, weightGrams: 100 },
          { key: b.key },
        ),
    ],
    ['read product', () => api.get(`/v1/products/${ids.product}`, { key: b.key })],
    ['change product', () => api.patch(`/v1/products/${ids.product}`, { priceVnd: 1 }, { key: b.key })],
    ['create lot for seller', () => api.post('/v1/lots', { sellerId: ids.seller, productName: 'x' }, { key: b.key })],
    ['read lot', () => api.get(`/v1/lots/${ids.lot}`, { key: b.key })],
    [
      'write lot diary',
      () =>
        api.post(
          `/v1/lots/${ids.lot}/events`,
          { kind: 'planting', occurredAt: '2026-03-01T07:00:00+07:00', recordedBy: 'x' },
          { key: b.key },
        ),
    ],
    ['read lot diary', () => api.get(`/v1/lots/${ids.lot}/events`, { key: b.key })],
    ['lot QR code', () => api.get(`/v1/lots/${ids.lot}/qr`, { key: b.key })],
    ['read order (partner)', () => api.get(`/v1/orders/${ids.order}`, { key: b.key })],
    ['read order (other storefront)', () => api.get(`/v1/orders/${ids.order}`, { key: storefrontB })],
    ['cancel order (other storefront)', () => api.post(`/v1/orders/${ids.order}/cancel`, {}, { key: storefrontB })],
    ['read balance', () => api.get(`/v1/sellers/${ids.seller}/balance`, { key: b.key })],
    ['read statement', () => api.get(`/v1/sellers/${ids.seller}/statement`, { key: b.key })],
    [
      'set bank account',
      () =>
        api.call('PUT', `/v1/sellers/${ids.seller}/bank-account`, {
          key: b.key,
          body: { bankBin: '970405', accountNumber: '1500201234567', accountName: 'KE GIAN' },
        }),
    ],
  ];

  it('answers 404 to every cross-tenant read and write, and changes nothing', async () => {
    const before = (await api.get(`/v1/products/${ids.product}`, { key: a.key })).body.priceVnd as number;
    for (const [what, attempt] of attempts()) {
      const res = await attempt();
      expect({ what, status: res.status }).toEqual({ what, status: 404 });
      expectProblem(res, 404, 'not_found');
    }
    expect((await api.get(`/v1/products/${ids.product}`, { key: a.key })).body.priceVnd).toBe(before);
    expect((await api.get(`/v1/orders/${ids.order}`, { key: storefrontA })).body.status).not.toBe('cancelled');
    console.log(`BOLA: ${attempts().length} cross-tenant attempts, all 404`);
  });

  it('lets the owner do the same things', async () => {
    expect((await api.get(`/v1/sellers/${ids.seller}`, { key: a.key })).status).toBe(200);
    expect((await api.get(`/v1/lots/${ids.lot}`, { key: a.key })).status).toBe(200);
    expect((await api.get(`/v1/sellers/${ids.seller}/balance`, { key: a.key })).status).toBe(200);
    expect((await api.get(`/v1/orders/${ids.order}`, { key: a.key })).status).toBe(200);
  });
});
