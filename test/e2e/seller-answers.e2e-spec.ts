import { Api, expectProblem } from '../support/api';
import { eventually } from '../support/infra';
import { address, awaitOrderable, PartnerFixture, PostalConsumer } from '../support/marketplace';

const HOUR = 3_600_000;
/** A pickup window starting `startsIn` ms from now (on a whole second) and lasting `hours`. */
const windowOf = (startsIn: number, hours: number) => {
  const from = Math.floor((Date.now() + startsIn) / 1000) * 1000;
  return { from: new Date(from).toISOString(), to: new Date(from + hours * HOUR).toISOString() };
};

/**
 * Sellers handle their orders (API.md): a manual seller's sub-order waits in `awaiting_seller`
 * until its partner app accepts it (only then is the parcel requested, with the pickup window) or
 * declines it (stock back, totals and COD lowered, the order cancelled when nothing is left); the
 * deadline expires it; a storefront's cancel racing a decline releases the stock once.
 */
describe('sellers handle their orders', () => {
  const api = new Api();
  const postal = new PostalConsumer();
  let partner: PartnerFixture;
  let otherPartner: PartnerFixture;
  let storefront: string;
  let admin: string;
  let vnpost: string;
  /** manual, manual, auto, auto (other partner): one product each. */
  const products: { id: string; sellerId: string; priceVnd: number }[] = [];

  const place = async (items: { productId: string; quantity: number }[], provinceCode = '79') => {
    const res = await api.post(
      '/v1/orders',
      { buyer: { name: 'Phạm Thị Hương', phone: '0912 000 111' }, address: address(provinceCode), items, paymentMethod: 'cod' },
      { key: storefront },
    );
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const read = (id: string, key = storefront) => api.get(`/v1/orders/${id}`, { key }).then((r) => r.body);
  const until = (id: string, test: (o: any) => boolean, what: string, timeoutMs = 30_000) =>
    eventually(
      async () => {
        const o = await read(id, admin);
        return test(o) ? o : undefined;
      },
      timeoutMs,
      what,
    );
  const subOf = (o: any, sellerId: string) => o.subOrders.find((s: any) => s.sellerId === sellerId);
  const answer = (o: { id: string }, subId: string, verb: 'accept' | 'decline', body: unknown, key = partner.key) =>
    api.post(`/v1/orders/${o.id}/sub-orders/${subId}/${verb}`, body, { key });

  beforeAll(async () => {
    await postal.start();
    partner = await new PartnerFixture(api).init();
    otherPartner = await new PartnerFixture(api).init();
    storefront = (await api.issueKey('storefront')).key;
    admin = process.env.E2E_ADMIN_API_KEY!;
    vnpost = (await api.issueKey('carrier', { carrierCode: 'VNPOST' })).key;
    const sellers = [
      await partner.seller('Hộ ông Sáu – bưởi da xanh', '86', 'manual'),
      await partner.seller('HTX Chè Thái Nguyên', '19', 'manual'),
      await partner.seller('HTX Gạo Cần Thơ', '92'),
      await otherPartner.seller('Hộ bà Năm – sầu riêng', '66'),
    ];
    for (const s of sellers)
      products.push({ ...(await (s === sellers[3] ? otherPartner : partner).product(s.id, { stock: 40 })), sellerId: s.id });
    await awaitOrderable(
      api,
      storefront,
      products.map((p) => p.id),
    );
  });

  afterAll(async () => {
    await postal.stop();
  });

  it('waits for the manual seller, then requests the parcel with its pickup window; delivered, it is settled', async () => {
    const o = await place([{ productId: products[0].id, quantity: 2 }]);
    const waiting = await until(o.id, (x) => x.status === 'confirmed', 'the order to be confirmed');
    const sub = subOf(waiting, products[0].sellerId);
    expect(sub).toMatchObject({ status: 'awaiting_seller', acceptance: 'manual', shipmentId: null, pickupWindow: null });
    expect(new Date(sub.acceptBy).getTime()).toBeGreaterThan(Date.now());
    // Nothing goes to the carrier before the seller answers.
    await new Promise((r) => setTimeout(r, 500));
    expect(postal.forOrder(o.id)).toHaveLength(0);

    const window = windowOf(2 * HOUR, 3);
    const res = await answer(o, sub.id, 'accept', { pickupWindow: window, note: 'Lấy hàng ở cổng vườn' });
    expect(res.status).toBe(200);
    const accepted = subOf(res.body, products[0].sellerId);
    expect(accepted).toMatchObject({ status: 'accepted', sellerNote: 'Lấy hàng ở cổng vườn', shipmentStatus: 'requested' });
    expect(new Date(accepted.pickupWindow.from).getTime()).toBe(new Date(window.from).getTime());
    expect(new Date(accepted.pickupWindow.to).getTime()).toBe(new Date(window.to).getTime());

    const request = await eventually(async () => postal.forOrder(o.id)[0], 20_000, 'the shipment request');
    expect(request.data).toMatchObject({ shipmentId: accepted.shipmentId, pickupWindow: accepted.pickupWindow });
    const listed = await api.get(`/v1/shipments?status=requested&limit=100`, { key: vnpost });
    expect(listed.body.items.find((s: any) => s.id === accepted.shipmentId)).toMatchObject({ pickupWindow: accepted.pickupWindow });

    const t0 = Date.now() - 60_000;
    for (const [status, at, extra] of [
      ['picked_up', t0, { trackingCode: 'EB111222333VN' }],
      ['in_transit', t0 + 10_000, { location: 'Bưu cục Vĩnh Long' }],
      ['in_transit', t0 + 10_000, { location: 'Bưu cục Vĩnh Long' }],
      ['delivered', t0 + 30_000, { codCollectedVnd: accepted.codVnd }],
    ] as const) {
      const r = await api.post(
        `/v1/shipments/${accepted.shipmentId}/events`,
        { status, occurredAt: new Date(at).toISOString(), ...extra },
        { key: vnpost },
      );
      expect(r.status).toBe(200);
    }
    const delivered = await until(o.id, (x) => x.status === 'delivered', 'the order to be delivered');
    // Tracking: oldest first, the repeated report once.
    expect(subOf(await read(o.id), products[0].sellerId).tracking.map((t: any) => [t.status, t.location ?? null])).toEqual([
      ['picked_up', null],
      ['in_transit', 'Bưu cục Vĩnh Long'],
      ['delivered', null],
    ]);
    expect(delivered.codVnd).toBe(accepted.codVnd);
    await eventually(
      async () => {
        const b = await api.get(`/v1/sellers/${products[0].sellerId}/balance`, { key: partner.key });
        return b.body.pendingVnd > 0;
      },
      20_000,
      'the seller’s share to be pending in settlement',
    );
  });

  it('declines one sub-order of three: its stock back, the totals and COD lowered, the other two shipped', async () => {
    const stockBefore = await partner.stock(products[1].id);
    const o = await place(
      [
        { productId: products[0].id, quantity: 1 },
        { productId: products[1].id, quantity: 3 },
        { productId: products[3].id, quantity: 1 },
      ],
      '46',
    );
    const confirmed = await until(o.id, (x) => x.status === 'confirmed', 'the order to be confirmed');
    const tea = subOf(confirmed, products[1].sellerId);
    const pomelo = subOf(confirmed, products[0].sellerId);
    expect(subOf(confirmed, products[3].sellerId)).toMatchObject({ status: 'accepted', acceptance: 'auto' });
    expect(await partner.stock(products[1].id)).toBe(stockBefore - 3);

    expect((await answer(o, pomelo.id, 'accept', {})).status).toBe(200);
    const declined = await answer(o, tea.id, 'decline', { reason: 'quality', note: 'Chè bị mưa, không đạt loại 1' });
    expect(declined.status).toBe(200);
    // The partner sees its two sub-orders; the declined one no longer counts in its totals.
    expect(declined.body.subOrders).toHaveLength(2);
    expect(subOf(declined.body, products[1].sellerId)).toMatchObject({ status: 'declined', declineReason: 'quality' });

    const after = await read(o.id);
    expect(after.status).toBe('confirmed');
    expect(after.itemsVnd).toBe(confirmed.itemsVnd - tea.itemsVnd);
    expect(after.shippingVnd).toBe(confirmed.shippingVnd - tea.shippingVnd);
    expect(after.codVnd).toBe(confirmed.codVnd - tea.codVnd);
    await eventually(async () => (await partner.stock(products[1].id)) === stockBefore, 20_000, 'the tea’s stock to come back');
    await eventually(async () => postal.forOrder(o.id).length === 2, 20_000, 'two parcels requested');
    expect(
      postal
        .forOrder(o.id)
        .map((m) => m.key)
        .sort(),
    ).toEqual(
      after.subOrders
        .filter((s: any) => s.status === 'accepted')
        .map((s: any) => s.shipmentId)
        .sort(),
    );
    // The operator's report counts the order at its lowered totals (no other test delivers to Huế).
    const today = new Date(Date.now() + 7 * HOUR).toISOString().slice(0, 10);
    await eventually(
      async () => {
        const report = (await api.get(`/v1/admin/reports/daily?date=${today}`, { key: admin })).body;
        const hue = report.ordersPlaced.byProvince.find((p: any) => p.provinceCode === '46');
        return hue?.codVnd === after.codVnd;
      },
      20_000,
      'the daily report to show the lowered COD',
    );
    // Answered once: a second answer is 409 naming the state, and changes nothing.
    const again = await answer(o, tea.id, 'accept', {});
    expectProblem(again, 409, 'sub_order_not_awaiting_seller');
    expect(again.body.detail).toContain('declined');
  });

  it('cancels the order when its only sub-order is declined', async () => {
    const o = await place([{ productId: products[1].id, quantity: 1 }]);
    const confirmed = await until(o.id, (x) => x.status === 'confirmed', 'the order to be confirmed');
    const before = await partner.stock(products[1].id);
    const res = await answer(o, subOf(confirmed, products[1].sellerId).id, 'decline', { reason: 'out_of_stock' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', itemsVnd: 0, codVnd: 0 });
    await eventually(async () => (await partner.stock(products[1].id)) === before + 1, 20_000, 'the stock to come back');
  });

  it('expires a sub-order nobody answered by the deadline and gives its stock back', async () => {
    const before = await partner.stock(products[1].id);
    const o = await place([{ productId: products[1].id, quantity: 2 }]);
    const confirmed = await until(o.id, (x) => x.status === 'confirmed', 'the order to be confirmed');
    const sub = subOf(confirmed, products[1].sellerId);
    expect(await partner.stock(products[1].id)).toBe(before - 2);
    // The test cluster's deadline is 20 s (SELLER_ACCEPT_TIMEOUT_MS).
    const expired = await until(o.id, (x) => x.status === 'cancelled', 'the order to be cancelled by the deadline', 60_000);
    expect(subOf(expired, products[1].sellerId)).toMatchObject({ status: 'expired' });
    await eventually(async () => (await partner.stock(products[1].id)) === before, 20_000, 'the stock to come back');
    const late = await answer(o, sub.id, 'accept', {});
    expectProblem(late, 409, 'sub_order_not_awaiting_seller');
    expect(late.body.detail).toContain('expired');
  });

  it('lets one of a decline and a storefront cancel racing each other win, and releases the stock once', async () => {
    for (let round = 0; round < 3; round++) {
      const before = await partner.stock(products[0].id);
      const o = await place([{ productId: products[0].id, quantity: 1 }]);
      const confirmed = await until(o.id, (x) => x.status === 'confirmed', 'the order to be confirmed');
      const [declined, cancelled] = await Promise.all([
        answer(o, subOf(confirmed, products[0].sellerId).id, 'decline', { reason: 'cannot_deliver' }),
        api.post(`/v1/orders/${o.id}/cancel`, { reason: 'Khách đổi ý' }, { key: storefront }),
      ]);
      expect([declined.status, cancelled.status].sort()).toEqual([200, 409]);
      const final = await read(o.id);
      expect(final.status).toBe('cancelled');
      expect(subOf(final, products[0].sellerId).status).toBe(declined.status === 200 ? 'declined' : 'released');
      await eventually(async () => (await partner.stock(products[0].id)) === before, 20_000, 'the stock to come back');
      await new Promise((r) => setTimeout(r, 500));
      expect(await partner.stock(products[0].id)).toBe(before);
    }
  });

  it('shows a partner only its sub-orders in its list, and another partner’s sub-order is 404', async () => {
    const o = await place([
      { productId: products[0].id, quantity: 1 },
      { productId: products[3].id, quantity: 1 },
    ]);
    const confirmed = await until(o.id, (x) => x.status === 'confirmed', 'the order to be confirmed');
    const mine = await api.get(`/v1/orders?subOrderStatus=awaiting_seller&limit=100`, { key: partner.key });
    const listed = mine.body.items.find((x: any) => x.id === o.id);
    expect(listed.subOrders.map((s: any) => s.sellerId)).toEqual([products[0].sellerId]);
    expect(listed.buyer.phone).not.toContain('912000111');
    const theirs = await api.get(`/v1/orders?limit=100`, { key: otherPartner.key });
    expect(theirs.body.items.find((x: any) => x.id === o.id).subOrders.map((s: any) => s.sellerId)).toEqual([products[3].sellerId]);
    // The other partner can neither accept nor decline this partner's sub-order.
    const sub = subOf(confirmed, products[0].sellerId);
    expectProblem(await answer(o, sub.id, 'accept', {}, otherPartner.key), 404);
    expectProblem(await answer(o, sub.id, 'decline', { reason: 'other' }, otherPartner.key), 404);
    expectProblem(await api.post(`/v1/orders/${o.id}/sub-orders/${sub.id}/accept`, {}, { key: storefront }), 403);
    expect((await answer(o, sub.id, 'accept', {})).status).toBe(200);
  });

  it('refuses a bad pickup window, an unknown reason and unknown fields with 422 naming the field', async () => {
    const o = await place([{ productId: products[0].id, quantity: 1 }]);
    const confirmed = await until(o.id, (x) => x.status === 'confirmed', 'the order to be confirmed');
    const sub = subOf(confirmed, products[0].sellerId);
    const cases: [unknown, string][] = [
      [{ pickupWindow: windowOf(-HOUR, 3) }, 'pickupWindow.from'],
      [{ pickupWindow: windowOf(HOUR, 0.5) }, 'pickupWindow.to'],
      [{ pickupWindow: windowOf(6 * 24 * HOUR, 30) }, 'pickupWindow.to'],
      [{ pickupWindow: { from: 'mai', to: 'mốt' } }, 'pickupWindow.from'],
      [{ pickupWindow: windowOf(HOUR, 2), tip: 1 }, 'tip'],
    ];
    for (const [body, field] of cases) {
      const res = await answer(o, sub.id, 'accept', body);
      expectProblem(res, 422);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const reason = await answer(o, sub.id, 'decline', { reason: 'weather' });
    expectProblem(reason, 422);
    expect(reason.body.errors.map((e: any) => e.field)).toEqual(['reason']);
    const bad = await api.get(`/v1/orders?status=flying&updatedSince=yesterday`, { key: partner.key });
    expectProblem(bad, 422);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['status', 'updatedSince']);
    expectProblem(await api.get(`/v1/orders?cursor=bm9wZQ`, { key: partner.key }), 422);
    // Nothing changed.
    expect(subOf(await read(o.id), products[0].sellerId).status).toBe('awaiting_seller');
  });
});
