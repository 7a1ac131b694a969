import { Api } from '../support/api';
import { eventually } from '../support/infra';
import { address, awaitOrderable, PartnerFixture } from '../support/marketplace';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';

/**
 * The other public event types on the real cluster: a carrier's shipment report reaches the
 * partner, the storefront and that carrier (and no other carrier); an operator's suspension of a
 * product reaches its partner.
 */
describe('webhooks: shipments and moderation', () => {
  const api = new Api();
  const receivers: WebhookReceiver[] = [];
  const receiver = async () => {
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    return r;
  };
  const register = async (key: string, url: string, eventTypes: string[]) => {
    const res = await api.post('/v1/webhook-endpoints', { url, eventTypes }, { key });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; secret: string };
  };

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('tells the partner, the storefront and the carrier of a shipment’s progress, and no other carrier', async () => {
    const partner = await new PartnerFixture(api).init();
    const storefront = (await api.issueKey('storefront')).key;
    const vnpost = (await api.issueKey('carrier', { carrierCode: 'VNPOST' })).key;
    const vtp = (await api.issueKey('carrier', { carrierCode: 'VTP' })).key;
    const product = await partner.product((await partner.seller('HTX Chè Thái Nguyên', '19')).id, { name: 'Chè búp Tân Cương' });
    await awaitOrderable(api, storefront, [product.id]);
    const [rP, rS, rC, rOther] = [await receiver(), await receiver(), await receiver(), await receiver()];
    const types = ['shipment.status_changed'];
    const endpoints = [
      await register(partner.key, rP.url, types),
      await register(storefront, rS.url, types),
      await register(vnpost, rC.url, types),
      await register(vtp, rOther.url, types),
    ];
    const placed = await api.post(
      '/v1/orders',
      {
        buyer: { name: 'Đỗ Thu', phone: '0903 111 222' },
        address: address('79'),
        items: [{ productId: product.id, quantity: 2 }],
        paymentMethod: 'cod',
        carrierCode: 'VNPOST',
      },
      { key: storefront },
    );
    expect(placed.status).toBe(201);
    const shipmentId = await eventually(
      async () => {
        const view = await api.get(`/v1/orders/${placed.body.id}`, { key: storefront });
        return (view.body.subOrders?.[0]?.shipmentId as string | null) ?? undefined;
      },
      30000,
      'the shipment',
    );
    // The carrier reports once the shipment is known to it (its request travels through the outbox first).
    let last: unknown;
    await eventually(
      async () => {
        const res = await api.post(
          `/v1/shipments/${shipmentId}/events`,
          { status: 'picked_up', occurredAt: new Date().toISOString(), trackingCode: 'EB123456789VN' },
          { key: vnpost },
        );
        last = [res.status, res.body];
        return res.status < 300;
      },
      30000,
      'the carrier report accepted',
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`);
    });
    for (const [i, r] of [rP, rS, rC].entries()) {
      const got = await eventually(
        async () => r.of('shipment.status_changed').find((x) => x.body.data.shipmentId === shipmentId),
        30000,
        'shipment.status_changed',
      );
      expect(got.body.data).toMatchObject({
        orderId: placed.body.id,
        to: 'picked_up',
        trackingCode: 'EB123456789VN',
        carrierCode: 'VNPOST',
      });
      expect(verifyStandardWebhook(endpoints[i].secret, got)).toBe(true);
      expect(got.raw).not.toContain('903111222');
    }
    await new Promise((res) => setTimeout(res, 1000));
    expect(rOther.received.filter((x) => x.body.data.shipmentId === shipmentId)).toEqual([]);
    const otherFeed = await api.get('/v1/events?types=shipment.status_changed&limit=100', { key: vtp });
    expect(otherFeed.body.items.filter((e: { data: { shipmentId: string } }) => e.data.shipmentId === shipmentId)).toEqual([]);
  });

  it('tells the partner when an operator suspends one of its products, once', async () => {
    const partner = await new PartnerFixture(api).init();
    const r = await receiver();
    await register(partner.key, r.url, ['product.suspended']);
    const seller = await partner.seller('Hộ bà Sáu – dừa', '86');
    const product = await partner.product(seller.id, { name: 'Dừa sáp Cầu Kè' });
    const suspend = await api.post(
      `/v1/admin/products/${product.id}/suspension`,
      { suspended: true, reason: 'Ảnh sai sản phẩm' },
      { key: api.adminKey },
    );
    expect(suspend.status).toBe(200);
    const got = await eventually(
      async () => r.of('product.suspended').find((x) => x.body.data.productId === product.id),
      30000,
      'product.suspended',
    );
    expect(got.body.data).toMatchObject({ productId: product.id, sellerId: seller.id, name: 'Dừa sáp Cầu Kè' });
    // A later change of the suspended product is not announced again.
    await partner.api.patch(`/v1/products/${product.id}`, { stock: 5 }, { key: partner.key });
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.of('product.suspended').filter((x) => x.body.data.productId === product.id)).toHaveLength(1);
  });
});
