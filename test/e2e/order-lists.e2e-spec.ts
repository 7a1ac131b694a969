import { isDeepStrictEqual } from 'node:util';
import { Api, expectProblem } from '../support/api';
import { eventually } from '../support/infra';
import { address, awaitOrderable, PartnerFixture } from '../support/marketplace';

interface Seen {
  id: string;
  snapshot: string;
}

/**
 * `GET /v1/orders`: newest change first with keyset pages; with `updatedSince` a catch-up feed,
 * oldest change first, whose `nextCursor` a poller keeps. Orders are placed, confirmed and cancelled
 * while two pollers (a storefront and a partner) read the feed: both end on every order's last
 * state, and neither is shown the same state of an order twice.
 */
describe('order lists and catch-up polling', () => {
  const api = new Api();
  let partner: PartnerFixture;
  let storefront: string;
  let product: { id: string };

  beforeAll(async () => {
    partner = await new PartnerFixture(api).init();
    storefront = (await api.issueKey('storefront')).key;
    const seller = await partner.seller('HTX Cà phê Cầu Đất', '68');
    product = await partner.product(seller.id, { stock: 10_000, name: 'Cà phê Arabica Cầu Đất', categoryId: 'ca-phe-rang-xay' });
    await awaitOrderable(api, storefront, [product.id]);
  });

  const place = async () => {
    const res = await api.post(
      '/v1/orders',
      {
        buyer: { name: 'Đỗ Văn Hải', phone: '0987 123 456' },
        address: address('79'),
        items: [{ productId: product.id, quantity: 1 }],
        paymentMethod: 'cod',
      },
      { key: storefront },
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  /**
   * Polls the catch-up feed from `since` until `caughtUp(latest state seen per order)`, then a
   * second more (a repeat would show there). Changes become visible below the oldest transaction
   * still running on the PostgreSQL server, so the feed may lag behind a busy server: it is polled
   * until it has caught up, not for a fixed time.
   */
  async function poll(key: string, since: string, caughtUp: (last: Map<string, string>) => boolean): Promise<Seen[]> {
    const seen: Seen[] = [];
    const last = new Map<string, string>();
    let cursor: string | undefined;
    let stopAt = Infinity;
    while (Date.now() < stopAt) {
      const query = cursor ? `cursor=${encodeURIComponent(cursor)}` : `updatedSince=${encodeURIComponent(since)}`;
      const res = await api.get(`/v1/orders?${query}&limit=7`, { key });
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toEqual(expect.any(String));
      cursor = res.body.nextCursor;
      for (const o of res.body.items) {
        seen.push({ id: o.id, snapshot: JSON.stringify(o) });
        last.set(o.id, JSON.stringify(o));
      }
      if (stopAt === Infinity && caughtUp(last)) stopAt = Date.now() + 1000;
      if (res.body.items.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    return seen;
  }

  it('never skips or repeats a change while orders change under the pollers', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const finals = new Map<string, Map<string, unknown>>([
      [storefront, new Map()],
      [partner.key, new Map()],
    ]);
    let done = false;
    const caughtUp = (key: string) => (last: Map<string, string>) =>
      done && [...finals.get(key)!].every(([id, final]) => last.has(id) && isDeepStrictEqual(JSON.parse(last.get(id)!), final));
    const pollers = Promise.all([poll(storefront, since, caughtUp(storefront)), poll(partner.key, since, caughtUp(partner.key))]);
    const ids: string[] = [];
    const writer = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const id = await place();
        ids.push(id);
        if (i % 3 === 0) {
          // Cancel some as soon as they are confirmed, while the feed is being read.
          await eventually(
            async () => (await api.get(`/v1/orders/${id}`, { key: storefront })).body.status === 'confirmed',
            30_000,
            'confirmed',
          );
          expect((await api.post(`/v1/orders/${id}/cancel`, {}, { key: storefront })).status).toBe(200);
        }
      }
    };
    await Promise.all([writer(10), writer(10), writer(10)]);
    // Every order settles (confirmed or cancelled); its state then is what the pollers must end on.
    for (const id of ids) {
      await eventually(
        async () => ['confirmed', 'cancelled'].includes((await api.get(`/v1/orders/${id}`, { key: storefront })).body.status),
        30_000,
        'settled',
      );
      for (const [key, map] of finals) {
        const now = (await api.get(`/v1/orders/${id}`, { key })).body;
        delete now.subOrders[0].tracking;
        map.set(id, now);
      }
    }
    done = true;
    const [bySf, byPartner] = await Promise.race([
      pollers,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the pollers never caught up')), 90_000)),
    ]);
    for (const [who, seen] of [
      ['storefront', bySf],
      ['partner', byPartner],
    ] as const) {
      // Never the same state of an order twice in a row, and every order seen.
      const last = new Map<string, string>();
      for (const s of seen) {
        expect({ who, repeated: last.get(s.id) === s.snapshot }).toEqual({ who, repeated: false });
        last.set(s.id, s.snapshot);
      }
      expect(new Set(last.keys())).toEqual(new Set(ids));
    }
  });

  it('lists newest change first in keyset pages, with filters', async () => {
    const a = await place();
    const b = await place();
    await eventually(async () => (await api.get(`/v1/orders/${b}`, { key: storefront })).body.status === 'confirmed', 30_000, 'confirmed');
    await eventually(async () => (await api.get(`/v1/orders/${a}`, { key: storefront })).body.status === 'confirmed', 30_000, 'confirmed');
    expect((await api.post(`/v1/orders/${a}/cancel`, {}, { key: storefront })).status).toBe(200);
    const first = await api.get(`/v1/orders?limit=2`, { key: storefront });
    expect(first.body.items.map((o: any) => o.id)[0]).toBe(a);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await api.get(`/v1/orders?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key: storefront });
      all.push(...page.body.items.map((o: any) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([a, b]));
    const cancelled = await api.get(`/v1/orders?status=cancelled&limit=100`, { key: storefront });
    expect(cancelled.body.items.every((o: any) => o.status === 'cancelled')).toBe(true);
    expect(cancelled.body.items.map((o: any) => o.id)).toContain(a);
    const byPartner = await api.get(`/v1/orders?subOrderStatus=released&limit=100`, { key: partner.key });
    expect(byPartner.body.items.map((o: any) => o.id)).toContain(a);
    expect(byPartner.body.items.map((o: any) => o.id)).not.toContain(b);
    // Another storefront sees none of them; a carrier may not list orders.
    const other = (await api.issueKey('storefront')).key;
    expect((await api.get(`/v1/orders?limit=100`, { key: other })).body.items).toEqual([]);
    expectProblem(await api.get(`/v1/orders`, { key: (await api.issueKey('carrier', { carrierCode: 'VTP' })).key }), 403);
  });
});
