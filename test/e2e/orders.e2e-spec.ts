import { Api, expectProblem } from '../support/api';
import { eventually } from '../support/infra';
import { address, awaitOrderable, PartnerFixture, PostalConsumer } from '../support/marketplace';

/**
 * Multi-seller COD orders on the real cluster: pricing from the catalog, the stock saga,
 * shipment requests to a postal system's own consumer group, carrier reports in our format and
 * both native webhook formats, cancellation windows, and who may see what.
 */
describe('orders and fulfilment', () => {
  const api = new Api();
  const postal = new PostalConsumer();
  const secrets = Object.fromEntries(process.env.E2E_CARRIER_WEBHOOK_SECRETS!.split(',').map((p) => p.split(':') as [string, string]));
  let partner: PartnerFixture;
  let otherPartner: PartnerFixture;
  let storefront: string;
  let otherStorefront: string;
  let vnpost: string;
  let vtp: string;
  const products: { id: string; priceVnd: number; sellerId: string }[] = [];

  const order = async (
    items: { productId: string; quantity: number }[],
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) =>
    api.post(
      '/v1/orders',
      { buyer: { name: 'Trần Thị Mai', phone: '0987 654 321' }, address: address('79'), items, paymentMethod: 'cod', ...extra },
      { key: storefront, headers },
    );
  const settled = (id: string, status: string) =>
    eventually(
      async () => {
        const r = await api.get(`/v1/orders/${id}`, { key: storefront });
        return r.body.status === status ? r.body : undefined;
      },
      30000,
      `order ${id} to be ${status}`,
    );

  beforeAll(async () => {
    await postal.start();
    partner = await new PartnerFixture(api).init();
    otherPartner = await new PartnerFixture(api).init();
    storefront = (await api.issueKey('storefront')).key;
    otherStorefront = (await api.issueKey('storefront')).key;
    vnpost = (await api.issueKey('carrier', { carrierCode: 'VNPOST' })).key;
    vtp = (await api.issueKey('carrier', { carrierCode: 'VTP' })).key;
    // Three sellers in three regions: Bắc Ninh (north), Đắk Lắk (central), Cần Thơ (south).
    const a = await partner.seller('HTX Vải thiều Lục Ngạn', '24');
    const b = await otherPartner.seller('Hộ bà Hoa – cà phê', '66');
    const c = await partner.seller('HTX Gạo Cần Thơ', '92');
    products.push({ ...(await partner.product(a.id, { stock: 50 })), sellerId: a.id });
    products.push({
      ...(await otherPartner.product(b.id, {
        name: 'Cà phê Robusta rang mộc',
        categoryId: 'ca-phe-rang-xay',
        priceVnd: 180000,
        stock: 20,
        weightGrams: 500,
      })),
      sellerId: b.id,
    });
    products.push({
      ...(await partner.product(c.id, { name: 'Gạo ST25', categoryId: 'gao-dac-san', priceVnd: 38000, stock: 200, weightGrams: 5000 })),
      sellerId: c.id,
    });
    await awaitOrderable(
      api,
      storefront,
      products.map((p) => p.id),
    );
  });

  afterAll(async () => {
    await postal.stop();
  });

  it('quotes shipping per seller by zone and weight, with the COD fee', async () => {
    const res = await api.post(
      '/v1/shipping/quotes',
      { items: products.map((p) => ({ productId: p.id, quantity: 1 })), address: address('79') },
      { key: storefront },
    );
    expect(res.status).toBe(200);
    expect(res.body.perSeller).toHaveLength(3);
    const zones = Object.fromEntries((res.body.perSeller as { sellerId: string; zone: string }[]).map((s) => [s.sellerId, s.zone]));
    expect(zones[products[0].sellerId]).toBe('inter_region'); // Bắc Ninh → TP.HCM
    expect(zones[products[2].sellerId]).toBe('intra_region'); // Cần Thơ → TP.HCM
    expect(res.body.codVnd).toBe(res.body.itemsVnd + res.body.shippingVnd);
  });

  it('takes a three-seller COD order through confirmation, pick-up and delivery (both native webhooks and our API)', async () => {
    const placed = await order(
      products.map((p) => ({ productId: p.id, quantity: 2 })),
      {},
      { 'Idempotency-Key': `order-${Date.now()}` },
    );
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'pending', paymentMethod: 'cod' });
    expect(placed.body.subOrders).toHaveLength(3);
    expect(placed.body.itemsVnd).toBe(2 * (65000 + 180000 + 38000));
    expect(placed.body.codVnd).toBe(placed.body.itemsVnd + placed.body.shippingVnd);

    const confirmed = await settled(placed.body.id, 'confirmed');
    const shipments = (confirmed.subOrders as { shipmentId: string; sellerId: string }[]).map((s) => s.shipmentId);
    expect(shipments.every(Boolean)).toBe(true);

    // The postal system's own consumer group receives exactly one request per sub-order.
    await eventually(async () => postal.forOrder(placed.body.id).length === 3, 20000, 'three shipment requests');
    await new Promise((r) => setTimeout(r, 500));
    const requests = postal.forOrder(placed.body.id);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((m) => m.key))).toEqual(new Set(shipments));
    const first = requests.find((m) => m.key === shipments[0])!.data as {
      sender: { phone: string; provinceCode: string };
      codVnd: number;
      receiver: { provinceCode: string };
    };
    expect(first.sender).toMatchObject({ phone: '+84912345678' });
    expect(first.receiver.provinceCode).toBe('79');

    const [s1, s2, s3] = shipments as [string, string, string];
    const report = (id: string, body: Record<string, unknown>) => api.post(`/v1/shipments/${id}/events`, body, { key: vnpost });
    // Shipment 1 through our API.
    expect(
      (await report(s1, { status: 'picked_up', occurredAt: '2026-01-28T08:00:00+07:00', trackingCode: 'EB000000001VN' })).body.applied,
    ).toBe(true);
    expect((await api.get(`/v1/orders/${placed.body.id}`, { key: storefront })).body.status).toBe('shipping');
    await report(s1, { status: 'in_transit', occurredAt: '2026-01-28T12:00:00+07:00' });
    const delivered = await report(s1, { status: 'delivered', occurredAt: '2026-01-29T10:00:00+07:00', codCollectedVnd: 200000 });
    expect(delivered.body).toEqual({ shipmentId: s1, applied: true, status: 'delivered' });
    // A duplicate and a late report change nothing.
    expect((await report(s1, { status: 'delivered', occurredAt: '2026-01-29T10:00:00+07:00' })).body).toMatchObject({
      applied: false,
      ignored: 'duplicate',
    });
    expect((await report(s1, { status: 'in_transit', occurredAt: '2026-01-28T13:00:00+07:00' })).body).toMatchObject({
      applied: false,
      ignored: 'stale',
      status: 'delivered',
    });

    // Shipments 2 and 3 through Vietnam Post's native webhook (numeric status ids, secret in a header).
    const vnpostHook = (body: Record<string, unknown>, token = secrets.VNPOST) =>
      api.post('/v1/carriers/VNPOST/webhook', body, { key: vnpost, headers: { Token: token } });
    for (const [id, waybill] of [
      [s2, 'EB000000002VN'],
      [s3, 'EB000000003VN'],
    ] as const) {
      expect(
        (await vnpostHook({ ItemCode: waybill, OrderCode: id, OrderStatusId: 3, StatusDate: '28/01/2026 09:00:00' })).body.applied,
      ).toBe(true);
    }
    expectProblem(
      await vnpostHook({ ItemCode: 'EB000000002VN', OrderStatusId: 14, StatusDate: '29/01/2026 09:00:00' }, 'forged'),
      401,
      'unauthorized',
    );
    expect(
      (await vnpostHook({ ItemCode: 'EB000000002VN', OrderStatusId: 14, StatusDate: '29/01/2026 09:00:00', CollectionAmount: 397000 }))
        .body,
    ).toMatchObject({ applied: true, status: 'delivered' });
    expect((await vnpostHook({ ItemCode: 'EB000000003VN', OrderStatusId: 14, StatusDate: '29/01/2026 09:30:00' })).body.applied).toBe(true);

    const done = await settled(placed.body.id, 'delivered');
    expect((done.subOrders as { shipmentStatus: string; trackingCode: string }[]).map((s) => s.shipmentStatus)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
  });

  it('handles Viettel Post webhooks: codes kept, duplicates and late reports absorbed, other carriers and forged tokens refused', async () => {
    const placed = await order([{ productId: products[0].id, quantity: 1 }], { carrierCode: 'VTP' });
    const confirmed = await settled(placed.body.id, 'confirmed');
    const shipmentId = confirmed.subOrders[0].shipmentId as string;
    const hook = (status: number, date: string, token = secrets.VTP, extra: Record<string, unknown> = {}) =>
      api.post(
        '/v1/carriers/VTP/webhook',
        {
          DATA: { ORDER_NUMBER: '1804500000001', ORDER_REFERENCE: shipmentId, ORDER_STATUSDATE: date, ORDER_STATUS: status, ...extra },
          TOKEN: token,
        },
        { key: vtp },
      );

    expectProblem(await hook(200, '28/01/2026 08:00:00', 'not-the-secret'), 401);
    expectProblem(
      await api.post(
        `/v1/shipments/${shipmentId}/events`,
        { status: 'picked_up', occurredAt: '2026-01-28T08:00:00+07:00' },
        { key: vnpost },
      ),
      404,
    );
    expect((await hook(200, '28/01/2026 08:00:00')).body).toMatchObject({ applied: true, status: 'picked_up' });
    expect((await hook(200, '28/01/2026 08:00:00')).body).toMatchObject({ applied: false, ignored: 'duplicate' });
    expect((await hook(102, '28/01/2026 08:05:00')).body).toMatchObject({ applied: false, ignored: 'unmapped' });
    expect((await hook(501, '29/01/2026 16:20:00', secrets.VTP, { MONEY_COLLECTION: 98500 })).body).toMatchObject({
      applied: true,
      status: 'delivered',
    });
    expect((await hook(300, '28/01/2026 20:00:00')).body).toMatchObject({ applied: false, ignored: 'stale' });
    expectProblem(await hook(501, '31/02/2026 16:20:00'), 422, 'validation_failed');

    const view = await settled(placed.body.id, 'delivered');
    expect(view.subOrders[0]).toMatchObject({ shipmentStatus: 'delivered', trackingCode: '1804500000001', carrierCode: 'VTP' });
  });

  it('applies a report that skips scans, as the OpenAPI document says, and refuses only a returning parcel reported delivered (409)', async () => {
    const described = (await api.get('/openapi.json')).body.paths['/v1/shipments/{id}/events'].post.description as string;
    expect(described).toContain('`requested` → `delivered` is applied');
    expect(described).toContain('409 `illegal_transition` only for a parcel on its way back (`returning`) reported `delivered`');
    const report = (shipmentId: string, status: string, at: string, extra: Record<string, unknown> = {}) =>
      api.post(`/v1/shipments/${shipmentId}/events`, { status, occurredAt: at, ...extra }, { key: vnpost });

    // Delivered without a pick-up scan: applied; the order goes through shipping to delivered.
    const skipped = await order([{ productId: products[2].id, quantity: 1 }]);
    const skippedShipment = (await settled(skipped.body.id, 'confirmed')).subOrders[0].shipmentId as string;
    expect((await report(skippedShipment, 'delivered', '2026-01-28T15:00:00+07:00', { trackingCode: 'EB000000009VN' })).body).toMatchObject(
      { applied: true, status: 'delivered' },
    );
    expect((await report(skippedShipment, 'picked_up', '2026-01-28T08:00:00+07:00')).body).toMatchObject({
      applied: false,
      ignored: 'stale',
    });
    expect((await settled(skipped.body.id, 'delivered')).subOrders[0]).toMatchObject({
      shipmentStatus: 'delivered',
      trackingCode: 'EB000000009VN',
    });

    // On its way back, then reported delivered: the one contradiction, 409, nothing changed.
    const back = await order([{ productId: products[2].id, quantity: 1 }]);
    const backShipment = (await settled(back.body.id, 'confirmed')).subOrders[0].shipmentId as string;
    expect((await report(backShipment, 'returning', '2026-01-28T08:00:00+07:00')).body).toMatchObject({
      applied: true,
      status: 'returning',
    });
    expectProblem(await report(backShipment, 'delivered', '2026-01-28T09:00:00+07:00'), 409, 'illegal_transition');
    const listed = await api.get('/v1/shipments?status=returning&limit=100', { key: vnpost });
    expect((listed.body.items as { id: string }[]).map((s) => s.id)).toContain(backShipment);
  });

  it('rejects the whole order when one seller lacks stock, and gives the other reservations back', async () => {
    const scarce = await otherPartner.product(products[1].sellerId, {
      name: 'Cà phê chồn (lô nhỏ)',
      categoryId: 'ca-phe-rang-xay',
      stock: 1,
    });
    await awaitOrderable(api, storefront, [scarce.id]);
    const before = await partner.stock(products[2].id);
    const placed = await order([
      { productId: products[2].id, quantity: 3 },
      { productId: scarce.id, quantity: 5 },
    ]);
    const rejected = await settled(placed.body.id, 'rejected');
    expect(rejected.reason).toMatch(/Cà phê chồn/);
    const sub = (rejected.subOrders as { sellerId: string; rejection?: { reason: string; available: number }[] }[]).find(
      (s) => s.sellerId === products[1].sellerId,
    )!;
    expect(sub.rejection).toEqual([expect.objectContaining({ reason: 'insufficient_stock', available: 1 })]);
    await eventually(async () => (await partner.stock(products[2].id)) === before, 20000, 'the rice reservation to be released');
    expect(await otherPartner.stock(scarce.id)).toBe(1);
  });

  it('cancels until pick-up, releasing stock and calling off the carrier; not after', async () => {
    const before = await partner.stock(products[0].id);
    const placed = await order([{ productId: products[0].id, quantity: 4 }]);
    const confirmed = await settled(placed.body.id, 'confirmed');
    expect(await partner.stock(products[0].id)).toBe(before - 4);
    expectProblem(await api.post(`/v1/orders/${placed.body.id}/cancel`, {}, { key: otherStorefront }), 404);
    const cancelled = await api.post(`/v1/orders/${placed.body.id}/cancel`, { reason: 'Khách đổi ý' }, { key: storefront });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', reason: 'Khách đổi ý' });
    await eventually(async () => (await partner.stock(products[0].id)) === before, 20000, 'stock back');
    await eventually(
      async () => postal.forOrder(placed.body.id, 'fulfilment.shipment.cancelled.v1').length === 1,
      20000,
      'a cancellation for the carrier',
    );
    expectProblem(await api.post(`/v1/orders/${placed.body.id}/cancel`, {}, { key: storefront }), 409, 'illegal_transition');

    const shipped = await order([{ productId: products[0].id, quantity: 1 }]);
    const shipmentId = (await settled(shipped.body.id, 'confirmed')).subOrders[0].shipmentId as string;
    await api.post(`/v1/shipments/${shipmentId}/events`, { status: 'picked_up', occurredAt: '2026-01-28T08:00:00+07:00' }, { key: vnpost });
    expectProblem(await api.post(`/v1/orders/${shipped.body.id}/cancel`, {}, { key: storefront }), 409, 'already_shipped');
    expect(confirmed.id).toBeDefined();
  });

  it('shows partners only their sellers’ sub-orders with the buyer phone masked; others get 404', async () => {
    const placed = await order([
      { productId: products[0].id, quantity: 1 },
      { productId: products[1].id, quantity: 1 },
    ]);
    const mine = await api.get(`/v1/orders/${placed.body.id}`, { key: otherPartner.key });
    expect(mine.status).toBe(200);
    expect((mine.body.subOrders as { sellerId: string }[]).map((s) => s.sellerId)).toEqual([products[1].sellerId]);
    expect(mine.body.buyer.phone).not.toContain('654');
    expect(mine.body.buyer.phone).toMatch(/\*/);
    expectProblem(await api.get(`/v1/orders/${placed.body.id}`, { key: otherStorefront }), 404);
    expectProblem(await api.get(`/v1/orders/${placed.body.id}`, { key: vnpost }), 403);
  });

  it('never lets the client set a price, and names bad input', async () => {
    const res = await order([{ productId: products[0].id, quantity: 1, priceVnd: 1 } as never]);
    expectProblem(res, 422, 'validation_failed');
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain('items[0].priceVnd');
    const unknown = await order([{ productId: '01a20000-0000-7000-8000-000000000000', quantity: 1 }]);
    expectProblem(unknown, 422);
    expect(unknown.body.errors[0].field).toBe('items[0].productId');
    const badPhone = await api.post(
      '/v1/orders',
      {
        buyer: { name: 'A', phone: '123' },
        address: address('79'),
        items: [{ productId: products[0].id, quantity: 1 }],
        paymentMethod: 'cod',
      },
      { key: storefront },
    );
    expect(badPhone.body.errors[0].field).toBe('buyer.phone');
  });
});
