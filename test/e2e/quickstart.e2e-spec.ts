import type { INestApplication } from '@nestjs/common';
import { wardsOf } from '@app/contracts';
import { eventually, runId } from '../support/infra';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';
import { startQuickstart } from '../../tools/quickstart/quickstart';

/** `npm start`'s composition: every app in this one process over the in-process transport. */
describe('quick start (one process, in-process transport)', () => {
  const ADMIN = 'quickstart-admin-key-0123456789';
  let system: { apps: INestApplication[]; close(): Promise<void> };
  let base: string;

  beforeAll(async () => {
    system = await startQuickstart({
      ...process.env,
      DB_NAME_PREFIX: `${runId()}_qs`,
      PORT: '0',
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: ADMIN,
    });
    const gateway = system.apps[system.apps.length - 1];
    base = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await system?.close();
  });

  it('serves the category tree from the catalog database without Kafka', async () => {
    const res = await fetch(`${base}/v1/categories`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    expect(res.status).toBe(200);
    const tree = (await res.json()) as { nameVi: string }[];
    expect(tree.map((c) => c.nameVi)).toContain('Cà phê');
    const ready = (await (await fetch(`${base}/health/ready`)).json()) as { info: Record<string, unknown> };
    expect(ready.info).toHaveProperty('transport');
  });

  it('answers storefront searches from the page cache, which keeps replies serialized', async () => {
    const issued = await fetch(`${base}/v1/admin/api-keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'storefront', name: 'quick start storefront' }),
    });
    expect(issued.status).toBe(201);
    const { key } = (await issued.json()) as { key: string };
    // The first request loads the page, the second is answered from the cache: same body both times.
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}/v1/products?q=${encodeURIComponent('cà phê')}&limit=5`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ items: [], nextCursor: null });
    }
  });

  it('delivers a signed test webhook to a receiver on this machine', async () => {
    const receiver = await new WebhookReceiver().start();
    try {
      const headers = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' };
      const issued = await fetch(`${base}/v1/admin/api-keys`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ role: 'partner', name: 'qs partner' }),
      });
      const partner = { Authorization: `Bearer ${((await issued.json()) as { key: string }).key}`, 'Content-Type': 'application/json' };
      const created = await fetch(`${base}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: partner,
        body: JSON.stringify({ url: receiver.url, eventTypes: ['sub_order.awaiting_seller'] }),
      });
      expect(created.status).toBe(201);
      const endpoint = (await created.json()) as { id: string; secret: string };
      expect(
        (await fetch(`${base}/v1/webhook-endpoints/${endpoint.id}/test`, { method: 'POST', headers: partner, body: '{}' })).status,
      ).toBe(202);
      const got = await eventually(async () => receiver.received[0], 15000, 'the test delivery');
      expect(got.body.type).toBe('webhook.test');
      expect(verifyStandardWebhook(endpoint.secret, got)).toBe(true);
    } finally {
      await receiver.stop();
    }
  });
  it('turns a domain event into a signed webhook over the in-process transport: an operator’s suspension reaches the partner', async () => {
    const receiver = await new WebhookReceiver().start();
    try {
      const admin = { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' };
      const post = async (path: string, body: unknown, headers: Record<string, string>) => {
        const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Record<string, string> };
      };
      const issued = await post('/v1/admin/api-keys', { role: 'partner', name: 'qs partner 2' }, admin);
      const partner = { Authorization: `Bearer ${issued.body.key}`, 'Content-Type': 'application/json' };
      const endpoint = await post('/v1/webhook-endpoints', { url: receiver.url, eventTypes: ['product.suspended'] }, partner);
      expect(endpoint.status).toBe(201);
      const seller = await post(
        '/v1/sellers',
        {
          name: 'Hộ bà Tám – sầu riêng',
          kind: 'household',
          phone: '0912345678',
          address: { provinceCode: '82', wardCode: wardsOf('82')[0].code, line: 'Ấp 3' },
        },
        partner,
      );
      expect(seller.status).toBe(201);
      const product = await post(
        '/v1/products',
        {
          sellerId: seller.body.id,
          name: 'Sầu riêng Ri6',
          categoryId: 'trai-cay',
          unit: 'kg',
          priceVnd: 90000,
          stock: 10,
          weightGrams: 1000,
        },
        partner,
      );
      expect(product.status).toBe(201);
      expect((await post(`/v1/admin/products/${product.body.id}/suspension`, { suspended: true, reason: 'Ảnh sai' }, admin)).status).toBe(
        200,
      );
      const got = await eventually(async () => receiver.of('product.suspended')[0], 15000, 'product.suspended');
      expect(got.body.data).toMatchObject({ productId: product.body.id, sellerId: seller.body.id });
      expect(verifyStandardWebhook(endpoint.body.secret, got)).toBe(true);
    } finally {
      await receiver.stop();
    }
  });
});
