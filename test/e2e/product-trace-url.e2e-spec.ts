import { Api } from '../support/api';
import { eventually } from '../support/infra';
import { PartnerFixture } from '../support/marketplace';

/** API.md: `GET /v1/products/{id}` includes `traceUrl` when a lot is linked. */
describe('a product linked to a traceability lot', () => {
  const api = new Api();

  it('shows the URL of the lot’s public trace page, and the page answers', async () => {
    const partner = await new PartnerFixture(api).init();
    const seller = await partner.seller('HTX Chè Shan tuyết Hà Giang', '08');
    const lot = await eventually(
      async () => {
        const r = await api.post('/v1/lots', { sellerId: seller.id, productName: 'Chè Shan tuyết cổ thụ' }, { key: partner.key });
        return r.status === 201 ? (r.body as { id: string; traceCode: string }) : undefined;
      },
      20000,
      'the lot',
    );
    const product = await partner.product(seller.id, {
      name: 'Chè Shan tuyết cổ thụ',
      categoryId: 'che-shan-tuyet',
      lotId: lot.id,
      priceVnd: 350000,
    });
    const shown = await eventually(
      async () => {
        const r = await api.get(`/v1/products/${product.id}`, { key: partner.key });
        return r.body.traceUrl ? (r.body as { traceUrl: string; traceCode: string }) : undefined;
      },
      30000,
      'the trace URL',
    );
    expect(shown.traceCode).toBe(lot.traceCode);
    expect(shown.traceUrl).toMatch(new RegExp(`/t/${lot.traceCode}$`));
    const page = await fetch(`${api.base}/t/${lot.traceCode}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Chè Shan tuyết');
  });
});
