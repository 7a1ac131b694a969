import { Api, expectProblem } from '../support/api';
import { eventually } from '../support/infra';
import { address, awaitOrderable, PartnerFixture } from '../support/marketplace';

/** Operator suspension hides listings from storefronts whatever their owners set, and can be lifted. */
describe('operator moderation', () => {
  const api = new Api();
  let partner: PartnerFixture;
  let storefront: string;

  beforeAll(async () => {
    partner = await new PartnerFixture(api).init();
    storefront = (await api.issueKey('storefront')).key;
  });

  const visible = async (sellerId: string) =>
    ((await api.get(`/v1/products?sellerId=${sellerId}&limit=100`, { key: storefront })).body.items as { id: string }[]).map((p) => p.id);

  it('suspends a product: gone from search, by id and from ordering; back when lifted', async () => {
    const seller = await partner.seller('Hộ ông Tư', '86');
    const product = await partner.product(seller.id, { name: 'Bưởi năm roi Vĩnh Long', categoryId: 'cay-co-mui' });
    await awaitOrderable(api, storefront, [product.id]);

    const res = await api.post(
      `/v1/admin/products/${product.id}/suspension`,
      { suspended: true, reason: 'Ảnh sai sản phẩm' },
      { key: api.adminKey },
    );
    expect(res.status).toBe(200);
    expect(res.body.suspended).toBe(true);
    expectProblem(await api.get(`/v1/products/${product.id}`, { key: storefront }), 404);
    expect(await visible(seller.id)).not.toContain(product.id);
    // The orders service learns it from the product snapshot: the product can no longer be ordered.
    await eventually(
      async () =>
        (
          await api.post(
            '/v1/orders',
            {
              buyer: { name: 'A', phone: '0903123456' },
              address: address('79'),
              items: [{ productId: product.id, quantity: 1 }],
              paymentMethod: 'cod',
            },
            { key: storefront },
          )
        ).status === 422,
      20000,
      'ordering to be refused',
    );
    // The owner's own status change does not bring it back; lifting the suspension does.
    await api.patch(`/v1/products/${product.id}`, { status: 'active' }, { key: partner.key });
    expectProblem(await api.get(`/v1/products/${product.id}`, { key: storefront }), 404);
    await api.post(`/v1/admin/products/${product.id}/suspension`, { suspended: false }, { key: api.adminKey });
    expect((await api.get(`/v1/products/${product.id}`, { key: storefront })).status).toBe(200);
  });

  it('suspends a seller: all its products leave storefronts', async () => {
    const seller = await partner.seller('HTX Thanh long Bình Thuận', '68');
    const a = await partner.product(seller.id, { name: 'Thanh long ruột đỏ', categoryId: 'trai-cay-nhiet-doi' });
    const b = await partner.product(seller.id, { name: 'Thanh long ruột trắng', categoryId: 'trai-cay-nhiet-doi' });
    expect((await visible(seller.id)).sort()).toEqual([a.id, b.id].sort());
    const res = await api.post(
      `/v1/admin/sellers/${seller.id}/suspension`,
      { suspended: true, reason: 'Hồ sơ chưa xác minh' },
      { key: api.adminKey },
    );
    expect(res.body.status).toBe('suspended');
    expect(await visible(seller.id)).toEqual([]);
    await api.post(`/v1/admin/sellers/${seller.id}/suspension`, { suspended: false }, { key: api.adminKey });
    expect((await visible(seller.id)).sort()).toEqual([a.id, b.id].sort());
  });

  it('is for operators only, and names bad input', async () => {
    expectProblem(
      await api.post(`/v1/admin/products/01a20000-0000-7000-8000-000000000001/suspension`, { suspended: true }, { key: partner.key }),
      403,
    );
    expectProblem(
      await api.post(`/v1/admin/products/01a20000-0000-7000-8000-000000000001/suspension`, { suspended: true }, { key: api.adminKey }),
      404,
    );
    const bad = await api.post(
      `/v1/admin/sellers/01a20000-0000-7000-8000-000000000001/suspension`,
      { suspended: 'yes' },
      { key: api.adminKey },
    );
    expectProblem(bad, 422);
    expect(bad.body.errors[0].field).toBe('suspended');
  });
});
