import { Api, expectProblem } from '../support/api';
import { eventually } from '../support/infra';
import { address, awaitOrderable, PartnerFixture } from '../support/marketplace';
import { verifyStandardWebhook, WebhookReceiver, type Received } from '../support/webhook-receiver';

/**
 * Webhooks and the event feed on the real cluster: receivers are HTTP servers on loopback, events
 * come from real orders over Kafka, signatures are checked with the Standard Webhooks algorithm
 * written in the test. The cluster retries after ~400 ms (WEBHOOK_RETRY_SCHEDULE_MS) and gives a
 * receiver 5 s to answer.
 */
describe('webhooks and the event feed', () => {
  const api = new Api();
  const receivers: WebhookReceiver[] = [];
  let partnerA: PartnerFixture;
  let partnerB: PartnerFixture;
  let storefront: string;
  let productA: string;
  let productB: string;

  const receiver = async () => {
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    return r;
  };
  const register = async (key: string, url: string, eventTypes: string[] = ['order.created', 'order.status_changed']) => {
    const res = await api.post('/v1/webhook-endpoints', { url, eventTypes }, { key });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; secret: string; status: string };
  };
  const placeOrder = async (items: { productId: string; quantity: number }[]) => {
    const res = await api.post(
      '/v1/orders',
      { buyer: { name: 'Nguyễn Văn An', phone: '0987 654 321' }, address: address('79'), items, paymentMethod: 'cod' },
      { key: storefront },
    );
    if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; subOrders: { id: string; sellerId: string }[] };
  };
  const deliveriesOf = async (key: string, endpointId: string) =>
    (await api.get(`/v1/webhook-endpoints/${endpointId}/deliveries?limit=100`, { key })).body.items as {
      eventId: string;
      attempt: number;
      status: string;
      httpStatus: number | null;
    }[];
  const feedOf = async (key: string, types?: string) => {
    const items: Received['body'][] = [];
    let after = '';
    for (;;) {
      const res = await api.get(`/v1/events?limit=100${after ? `&after=${after}` : ''}${types ? `&types=${types}` : ''}`, { key });
      expect(res.status).toBe(200);
      items.push(...(res.body.items as Received['body'][]));
      if (res.body.items.length < 100) return items;
      after = res.body.nextCursor as string;
    }
  };

  beforeAll(async () => {
    partnerA = await new PartnerFixture(api).init();
    partnerB = await new PartnerFixture(api).init();
    storefront = (await api.issueKey('storefront')).key;
    productA = (await partnerA.product((await partnerA.seller('HTX Vải thiều Lục Ngạn', '24')).id)).id;
    productB = (await partnerB.product((await partnerB.seller('Hộ ông Tư – xoài cát', '82')).id, { name: 'Xoài cát Hòa Lộc' })).id;
    await awaitOrderable(api, storefront, [productA, productB]);
  });

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('registers an endpoint with a whsec_ secret shown once, and signs a test delivery as Standard Webhooks says', async () => {
    const r = await receiver();
    const ep = await register(partnerA.key, r.url);
    expect(ep.status).toBe('enabled');
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(ep.secret.slice(6), 'base64')).toHaveLength(32);
    const read = await api.get(`/v1/webhook-endpoints/${ep.id}`, { key: partnerA.key });
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain(ep.secret.slice(6));

    const sent = await api.post(`/v1/webhook-endpoints/${ep.id}/test`, {}, { key: partnerA.key });
    expect(sent.status).toBe(202);
    const got = await eventually(async () => r.received[0], 15000, 'the test delivery');
    expect(got.id).toBe(sent.body.eventId);
    expect(got.body).toMatchObject({ id: got.id, type: 'webhook.test', data: { test: true } });
    expect(Math.abs(Number(got.timestamp) - Date.now() / 1000)).toBeLessThan(30);
    expect(verifyStandardWebhook(ep.secret, got)).toBe(true);
    expect(verifyStandardWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, got)).toBe(false);
    expect(verifyStandardWebhook(ep.secret, { ...got, raw: got.raw.replace('webhook.test', 'webhook.tesT') })).toBe(false);
  });

  it('tells the storefront of its order and each partner only of its own sub-orders; the feed has the same ids and bodies', async () => {
    const [rA, rB, rS] = [await receiver(), await receiver(), await receiver()];
    await register(partnerA.key, rA.url);
    await register(partnerB.key, rB.url);
    await register(storefront, rS.url);
    const order = await placeOrder([
      { productId: productA, quantity: 2 },
      { productId: productB, quantity: 1 },
    ]);
    const byOrder = (r: WebhookReceiver, type: string) => r.of(type).filter((x) => x.body.data.orderId === order.id);
    for (const r of [rA, rB, rS]) {
      await eventually(
        async () => byOrder(r, 'order.status_changed').length >= 1 && byOrder(r, 'order.created').length === 1,
        30000,
        'order events',
      );
    }
    const created = (r: WebhookReceiver) =>
      byOrder(r, 'order.created')[0].body.data as unknown as { subOrders: { subOrderId: string; sellerId: string }[] };
    expect(created(rS).subOrders).toHaveLength(2);
    expect(created(rS)).toMatchObject({ orderId: order.id, status: 'pending', itemsVnd: expect.any(Number), codVnd: expect.any(Number) });
    expect(created(rA).subOrders).toHaveLength(1);
    expect(created(rB).subOrders).toHaveLength(1);
    expect(created(rA).subOrders[0].subOrderId).not.toBe(created(rB).subOrders[0].subOrderId);
    // A partner never sees the other partner's sub-order, in any event.
    const subOfB = created(rB).subOrders[0].subOrderId;
    expect(rA.received.some((x) => x.raw.includes(subOfB))).toBe(false);
    expect(rB.received.some((x) => x.raw.includes(created(rA).subOrders[0].subOrderId))).toBe(false);
    // Sequence increases per order, in the order the platform applied the changes.
    const seq = byOrder(rS, 'order.created')
      .concat(byOrder(rS, 'order.status_changed'))
      .map((x) => x.body.data.sequence);
    expect(seq[0]).toBe(1);
    expect([...seq].sort((a, b) => a - b)).toEqual(seq);
    expect(new Set(seq).size).toBe(seq.length);
    expect(JSON.stringify(rS.received)).not.toContain('987654321');

    // The feed and the deliveries agree, id for id, body for body.
    for (const [key, r] of [
      [partnerA.key, rA],
      [partnerB.key, rB],
      [storefront, rS],
    ] as const) {
      const feed = (await feedOf(key)).filter(
        (e) => e.data.orderId === order.id && ['order.created', 'order.status_changed'].includes(e.type),
      );
      // Events stored after the wait above may still be on their way to the receiver.
      await eventually(async () => feed.every((e) => r.received.some((x) => x.id === e.id)), 20000, 'every feed event delivered');
      const delivered = r.received.filter((x) => x.body.data.orderId === order.id);
      expect(feed.map((e) => e.id).sort()).toEqual([...new Set(delivered.map((x) => x.id))].sort());
      for (const e of feed) expect(delivered.find((x) => x.id === e.id)!.body).toEqual(e);
    }
    // Another partner's feed holds none of it.
    const other = await new PartnerFixture(api).init();
    expect((await feedOf(other.key)).filter((e) => e.data.orderId === order.id)).toEqual([]);
  });

  it('tells the partner a sub-order awaits its seller, then that it was accepted; the storefront too; sequence orders them', async () => {
    const [rA, rS] = [await receiver(), await receiver()];
    const subTypes = ['sub_order.awaiting_seller', 'sub_order.accepted', 'order.created'];
    await register(partnerA.key, rA.url, subTypes);
    const shop = (await api.issueKey('storefront')).key;
    await register(shop, rS.url, subTypes);
    // A seller who answers each order by hand.
    const manual = (await partnerA.product((await partnerA.seller('Hộ bà Năm – bưởi', '75', 'manual')).id, { name: 'Bưởi Tân Triều' })).id;
    await awaitOrderable(api, shop, [manual]);
    const placed = await api.post(
      '/v1/orders',
      {
        buyer: { name: 'Phạm Minh', phone: '0912 345 678' },
        address: address('79'),
        items: [{ productId: manual, quantity: 1 }],
        paymentMethod: 'cod',
      },
      { key: shop },
    );
    expect(placed.status).toBe(201);
    const orderId = placed.body.id as string;
    const waiting = await eventually(
      async () => rA.of('sub_order.awaiting_seller').find((x) => x.body.data.orderId === orderId),
      30000,
      'sub_order.awaiting_seller',
    ).catch(async (e: Error) => {
      const order = await api.get(`/v1/orders/${orderId}`, { key: shop });
      const feed = (await feedOf(partnerA.key)).filter((x) => x.data.orderId === orderId).map((x) => x.type);
      throw new Error(
        `${e.message}; order ${JSON.stringify(order.body.subOrders?.map((x: { status: string }) => x.status))}, partner feed ${feed.join(',')}`,
      );
    });
    expect(waiting.body.data).toMatchObject({
      orderId,
      status: 'awaiting_seller',
      acceptBy: expect.any(String),
      codVnd: expect.any(Number),
    });
    const subOrderId = waiting.body.data.subOrderId as string;
    const accepted = await api.post(`/v1/orders/${orderId}/sub-orders/${subOrderId}/accept`, {}, { key: partnerA.key });
    expect(accepted.status).toBe(200);
    for (const r of [rA, rS]) {
      await eventually(
        async () => r.of('sub_order.accepted').some((x) => x.body.data.subOrderId === subOrderId),
        30000,
        'sub_order.accepted',
      );
    }
    const mine = (r: WebhookReceiver) => r.received.filter((x) => x.body.data.orderId === orderId);
    const seq = (r: WebhookReceiver, type: string) => mine(r).find((x) => x.body.type === type)!.body.data.sequence;
    for (const r of [rA, rS]) {
      expect(seq(r, 'order.created')).toBeLessThan(seq(r, 'sub_order.awaiting_seller'));
      expect(seq(r, 'sub_order.awaiting_seller')).toBeLessThan(seq(r, 'sub_order.accepted'));
    }
    expect(rS.of('sub_order.accepted').find((x) => x.body.data.subOrderId === subOrderId)!.body.data).toMatchObject({
      status: 'accepted',
      shipmentId: expect.any(String),
    });
  });

  it('retries a receiver failing twice with the same webhook-id, and the log shows the three attempts', async () => {
    const r = await receiver();
    r.respond = (_, n) => (n <= 2 ? { status: 500, body: '<h1>down</h1>'.padEnd(3000, 'x') } : { status: 204 });
    const ep = await register(storefront, r.url, ['webhook.test']);
    await api.post(`/v1/webhook-endpoints/${ep.id}/test`, {}, { key: storefront });
    await eventually(async () => r.received.length >= 3, 20000, 'three attempts');
    expect(new Set(r.received.map((x) => x.id)).size).toBe(1);
    expect(r.received.every((x) => verifyStandardWebhook(ep.secret, x))).toBe(true);
    const log = await eventually(async () => {
      const l = await deliveriesOf(storefront, ep.id);
      return l.some((a) => a.status === 'succeeded') ? l : undefined;
    });
    const attempts = log.filter((a) => a.status !== 'pending').sort((a, b) => a.attempt - b.attempt);
    expect(attempts.map((a) => [a.attempt, a.status, a.httpStatus])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', 500],
      [3, 'succeeded', 204],
    ]);
    const failed = log.find((a) => a.attempt === 1) as unknown as { responseSnippet: string };
    expect(Buffer.byteLength(failed.responseSnippet)).toBeLessThanOrEqual(1024);
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.received).toHaveLength(3);
  });

  it('honours Retry-After when it asks for longer than the schedule', async () => {
    const r = await receiver();
    r.respond = (_, n) => (n === 1 ? { status: 503, headers: { 'Retry-After': '3' } } : { status: 200 });
    const ep = await register(storefront, r.url, ['webhook.test']);
    await api.post(`/v1/webhook-endpoints/${ep.id}/test`, {}, { key: storefront });
    await eventually(async () => r.received.length >= 2, 20000, 'the second attempt');
    expect(r.received[1].at - r.received[0].at).toBeGreaterThanOrEqual(2900);
    expect(r.received[1].id).toBe(r.received[0].id);
  });

  it('disables an endpoint that answers 410; its events keep flowing into the feed', async () => {
    const r = await receiver();
    r.respond = () => ({ status: 410 });
    const ep = await register(storefront, r.url);
    await api.post(`/v1/webhook-endpoints/${ep.id}/test`, {}, { key: storefront });
    const disabled = await eventually(async () => {
      const e = await api.get(`/v1/webhook-endpoints/${ep.id}`, { key: storefront });
      return e.body.status === 'disabled' ? e.body : undefined;
    });
    expect(disabled.disabledReason).toBe('gone');
    const order = await placeOrder([{ productId: productA, quantity: 1 }]);
    await eventually(async () => (await feedOf(storefront, 'order.created')).some((e) => e.data.orderId === order.id), 30000, 'the feed');
    await new Promise((res) => setTimeout(res, 1000));
    expect(r.received).toHaveLength(1);
  });

  it('keeps delivering to a healthy endpoint beside a dead one, a hanging one and one answering 500', async () => {
    const shop = (await api.issueKey('storefront')).key;
    const [healthy, hanging, failing] = [await receiver(), await receiver(), await receiver()];
    hanging.respond = () => ({ hang: true });
    failing.respond = () => ({ status: 500 });
    await register(shop, healthy.url, ['order.created']);
    await register(shop, hanging.url, ['order.created']);
    await register(shop, failing.url, ['order.created']);
    await register(shop, 'http://127.0.0.1:9/dead', ['order.created']);
    const placed: { id: string; at: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await api.post(
        '/v1/orders',
        {
          buyer: { name: 'Lê Thị Hoa', phone: '0912 000 111' },
          address: address('79'),
          items: [{ productId: productA, quantity: 1 }],
          paymentMethod: 'cod',
        },
        { key: shop },
      );
      expect(res.status).toBe(201);
      placed.push({ id: res.body.id as string, at: Date.now() });
    }
    await eventually(async () => healthy.of('order.created').length === 6, 20000, 'six deliveries to the healthy endpoint');
    await eventually(async () => failing.of('order.created').length >= 6, 20000, 'six first attempts to the failing endpoint');
    // Each event has one id for all of the storefront's endpoints, claimed together: the healthy
    // endpoint gets it as soon as the failing one does, never after the hanging one's 5 s timeouts.
    for (const p of placed) {
      const atHealthy = healthy.of('order.created').find((x) => x.body.data.orderId === p.id)!;
      const atFailing = failing.received.find((x) => x.id === atHealthy.id)!;
      expect({ order: p.id, apart: Math.abs(atHealthy.at - atFailing.at) < 2000 }).toEqual({ order: p.id, apart: true });
    }
    // The hanging endpoint holds its 4 slots (WEBHOOK_ENDPOINT_CONCURRENCY) and gets nothing more meanwhile.
    expect(hanging.received.length).toBeGreaterThan(0);
    expect(hanging.received.length).toBeLessThanOrEqual(4);
  });

  it('replays a time range with the same ids as the feed after the endpoint was disabled', async () => {
    const r = await receiver();
    const ep = await register(partnerA.key, r.url, ['order.created']);
    expect((await api.patch(`/v1/webhook-endpoints/${ep.id}`, { status: 'disabled' }, { key: partnerA.key })).body.status).toBe('disabled');
    const since = new Date(Date.now() - 2000).toISOString();
    const order = await placeOrder([{ productId: productA, quantity: 1 }]);
    const inFeed = await eventually(
      async () => (await feedOf(partnerA.key, 'order.created')).find((e) => e.data.orderId === order.id),
      30000,
      'the feed',
    );
    await new Promise((res) => setTimeout(res, 500));
    expect(r.received).toHaveLength(0);
    expect((await api.patch(`/v1/webhook-endpoints/${ep.id}`, { status: 'enabled' }, { key: partnerA.key })).body.status).toBe('enabled');
    const replay = await api.post(`/v1/webhook-endpoints/${ep.id}/replay`, { since }, { key: partnerA.key });
    expect(replay.status).toBe(202);
    expect(replay.body.requeued).toBeGreaterThanOrEqual(1);
    const got = await eventually(async () => r.received.find((x) => x.body.data.orderId === order.id), 15000, 'the replayed event');
    expect(got.id).toBe(inFeed.id);
    expect(got.body).toEqual(inFeed);
    expect(verifyStandardWebhook(ep.secret, got)).toBe(true);
  });

  it('replays only the failed deliveries of a range with onlyFailed, and all of them without it', async () => {
    const r = await receiver();
    let down = false;
    r.respond = () => (down ? { status: 500 } : { status: 200 });
    const shop = (await api.issueKey('storefront')).key;
    const ep = await register(shop, r.url, ['webhook.test']);
    const since = new Date(Date.now() - 2000).toISOString();
    const ok = (await api.post(`/v1/webhook-endpoints/${ep.id}/test`, {}, { key: shop })).body.eventId as string;
    await eventually(async () => r.received.some((x) => x.id === ok), 15000, 'the first delivery');
    down = true;
    const lost = (await api.post(`/v1/webhook-endpoints/${ep.id}/test`, {}, { key: shop })).body.eventId as string;
    // The cluster's schedule is five retries 400 ms apart: then the delivery has failed for good.
    const failed = await eventually(async () => {
      const log = await deliveriesOf(shop, ep.id);
      const mine = log.filter((a) => a.eventId === lost);
      return mine.length === 6 && mine.every((a) => a.status === 'failed') ? mine : undefined;
    }, 20000);
    expect(failed.map((a) => a.attempt).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    down = false;
    const before = r.received.length;
    const only = await api.post(`/v1/webhook-endpoints/${ep.id}/replay`, { since, onlyFailed: true }, { key: shop });
    expect(only.status).toBe(202);
    expect(only.body.requeued).toBe(1);
    await eventually(async () => r.received.length > before, 15000, 'the replayed delivery');
    await new Promise((res) => setTimeout(res, 1000));
    expect(r.received.slice(before).map((x) => x.id)).toEqual([lost]);
    expect(verifyStandardWebhook(ep.secret, r.received[before])).toBe(true);
    // The log: the replay is the 7th attempt of the same delivery, and it succeeded.
    const log = await eventually(async () => {
      const l = await deliveriesOf(shop, ep.id);
      return l.some((a) => a.eventId === lost && a.status === 'succeeded') ? l : undefined;
    });
    expect(log.filter((a) => a.eventId === lost && a.status === 'succeeded').map((a) => [a.attempt, a.httpStatus])).toEqual([[7, 200]]);
    // Nothing failed is left: onlyFailed now re-queues nothing; without it, both are sent again.
    expect((await api.post(`/v1/webhook-endpoints/${ep.id}/replay`, { since, onlyFailed: true }, { key: shop })).body.requeued).toBe(0);
    const all = await api.post(`/v1/webhook-endpoints/${ep.id}/replay`, { since }, { key: shop });
    expect(all.body.requeued).toBe(2);
    await eventually(async () => r.received.length === before + 3, 15000, 'both replayed');
    expect(
      r.received
        .slice(before + 1)
        .map((x) => x.id)
        .sort(),
    ).toEqual([ok, lost].sort());
  });

  it('signs with both secrets for 24 h after a rotation', async () => {
    const r = await receiver();
    const ep = await register(storefront, r.url, ['webhook.test']);
    const rotated = await api.post(`/v1/webhook-endpoints/${ep.id}/rotate-secret`, {}, { key: storefront });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(ep.secret);
    await api.post(`/v1/webhook-endpoints/${ep.id}/test`, { type: 'order.created' }, { key: storefront });
    const got = await eventually(async () => r.received[0], 15000, 'a delivery');
    expect(got.body.type).toBe('order.created');
    expect(got.signature.split(' ')).toHaveLength(2);
    expect(verifyStandardWebhook(rotated.body.secret as string, got)).toBe(true);
    expect(verifyStandardWebhook(ep.secret, got)).toBe(true);
  });

  it('answers 404 for another owner’s endpoint and refuses bad registrations with 422', async () => {
    const r = await receiver();
    const ep = await register(partnerA.key, r.url);
    for (const res of [
      await api.get(`/v1/webhook-endpoints/${ep.id}`, { key: partnerB.key }),
      await api.patch(`/v1/webhook-endpoints/${ep.id}`, { status: 'disabled' }, { key: partnerB.key }),
      await api.call('DELETE', `/v1/webhook-endpoints/${ep.id}`, { key: storefront }),
      await api.post(`/v1/webhook-endpoints/${ep.id}/test`, {}, { key: partnerB.key }),
      await api.post(`/v1/webhook-endpoints/${ep.id}/replay`, { since: new Date().toISOString() }, { key: partnerB.key }),
      await api.get(`/v1/webhook-endpoints/${ep.id}/deliveries`, { key: partnerB.key }),
    ]) {
      expectProblem(res, 404, 'not_found');
    }
    const list = await api.get('/v1/webhook-endpoints', { key: partnerB.key });
    expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(ep.id);
    expectProblem(await api.post('/v1/webhook-endpoints', { url: r.url, eventTypes: ['order.eaten'] }, { key: partnerA.key }), 422);
    expectProblem(await api.post('/v1/webhook-endpoints', { url: r.url, eventTypes: ['order.created'], x: 1 }, { key: partnerA.key }), 422);
    const notUrl = await api.post(
      '/v1/webhook-endpoints',
      { url: 'ftp://example.com/x', eventTypes: ['order.created'] },
      { key: partnerA.key },
    );
    expectProblem(notUrl, 422, 'validation_failed');
    expect(notUrl.body.errors[0].field).toBe('url');
    expectProblem(await api.post('/v1/webhook-endpoints', { url: r.url, eventTypes: ['order.created'] }, { key: api.adminKey }), 403);
    expect((await api.call('DELETE', `/v1/webhook-endpoints/${ep.id}`, { key: partnerA.key })).status).toBe(204);
    expectProblem(await api.get(`/v1/webhook-endpoints/${ep.id}`, { key: partnerA.key }), 404);
  });

  it('documents every event type’s delivery and payload in the OpenAPI document', async () => {
    const doc = (await api.get('/openapi.json')).body as {
      paths: Record<string, unknown>;
      openapi: string;
      webhooks: Record<string, { post: { requestBody: { content: { 'application/json': { schema: { $ref: string } } } } } }>;
      components: { schemas: Record<string, { properties: { data: { properties: Record<string, unknown> } } }> };
    };
    for (const p of [
      '/v1/webhook-endpoints',
      '/v1/webhook-endpoints/{id}',
      '/v1/webhook-endpoints/{id}/rotate-secret',
      '/v1/webhook-endpoints/{id}/test',
      '/v1/webhook-endpoints/{id}/deliveries',
      '/v1/webhook-endpoints/{id}/replay',
      '/v1/events',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const types = [
      'order.created',
      'order.status_changed',
      'sub_order.awaiting_seller',
      'sub_order.accepted',
      'sub_order.declined',
      'sub_order.expired',
      'shipment.status_changed',
      'remittance.reconciled',
      'payout.paid',
      'product.suspended',
      'webhook.test',
    ];
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.webhooks).sort()).toEqual([...types].sort());
    for (const t of types) {
      const ref = doc.webhooks[t].post.requestBody.content['application/json'].schema.$ref;
      const schema = doc.components.schemas[ref.split('/').pop()!];
      expect({ t, sequence: Boolean(schema.properties.data.properties.sequence) }).toEqual({ t, sequence: true });
    }
  });
});
