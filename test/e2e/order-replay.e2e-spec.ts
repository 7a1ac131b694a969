import { createHash } from 'node:crypto';
import { firstValueFrom, timeout } from 'rxjs';
import { v7 as uuidv7 } from 'uuid';
import {
  CatalogRpc,
  OrdersRpc,
  wardsOf,
  type OrderView,
  type ProductView,
  type RpcReply,
  type RpcRequest,
  type SellerView,
} from '@app/contracts';
import { KafkaRpcClient, kafkaRpcOptions } from '@app/messaging';
import { Api, expectProblem } from '../support/api';
import { eventually } from '../support/infra';
import { address, awaitOrderable, PartnerFixture } from '../support/marketplace';

/**
 * Placing an order is safe to repeat: the same request delivered to the orders service twice (a
 * redelivery after a crash) or a storefront's retry with its Idempotency-Key after the gateway
 * lost the first answer creates one order and reserves its stock once.
 */
describe('order placement repeated', () => {
  const api = new Api();
  let client: KafkaRpcClient;
  let storefront: { key: string; id: string };
  let partner: PartnerFixture;
  let product: { id: string; priceVnd: number };

  const body = (quantity: number) => ({
    buyer: { name: 'Lê Văn Tám', phone: '0912 000 111' },
    address: address('79'),
    items: [{ productId: product.id, quantity }],
    paymentMethod: 'cod' as const,
  });
  /** The request as the gateway sends it, straight onto the orders service's request topic. */
  const place = async (operation: RpcRequest<unknown>['operation'], quantity = 2): Promise<RpcReply<OrderView>> => {
    const request: RpcRequest<ReturnType<typeof body>> = {
      caller: { keyId: storefront.id, role: 'storefront' },
      requestId: `replay-${uuidv7()}`,
      payload: body(quantity),
      ...(operation ? { operation } : {}),
    };
    return firstValueFrom(client.send<RpcReply<OrderView>>(OrdersRpc.place, request).pipe(timeout(15000)));
  };

  beforeAll(async () => {
    client = new KafkaRpcClient(kafkaRpcOptions(`replay-test-${uuidv7().slice(-8)}`, process.env.KAFKA_BROKERS!, 6), {
      timeoutMs: 15000,
      partitions: 6,
      hedgeMs: 0,
    });
    await client.connect();
    storefront = await api.issueKey('storefront');
    partner = await new PartnerFixture(api).init();
    const seller = await partner.seller('Hộ ông Ba – bưởi da xanh', '80');
    product = await partner.product(seller.id, { name: 'Bưởi da xanh', categoryId: 'trai-cay', priceVnd: 45000, stock: 30 });
    await awaitOrderable(api, storefront.key, [product.id]);
  });

  afterAll(async () => {
    await client.close();
  });

  it('answers a redelivered request with the order it created, and reserves the stock once', async () => {
    const operation = { key: `req:${uuidv7()}`, requestHash: '' };
    const first = await place(operation);
    const again = await place(operation);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.data.id).toBe(first.data.id);
    // A request without the operation is a new order.
    const other = await place(undefined);
    expect(other.ok && other.data.id).not.toBe(first.data.id);

    const confirmed = async (id: string) => {
      for (let i = 0; i < 100; i++) {
        const r = await api.get(`/v1/orders/${id}`, { key: storefront.key });
        if (r.body.status === 'confirmed') return;
        await new Promise((res) => setTimeout(res, 200));
      }
      throw new Error(`order ${id} never confirmed`);
    };
    await confirmed(first.data.id);
    if (other.ok) await confirmed(other.data.id);
    expect(await partner.stock(product.id)).toBe(30 - 2 - 2);
  });

  it('skips a request whose caller has given up (past its deadline): no order, no stock taken, no answer', async () => {
    const late = new KafkaRpcClient(kafkaRpcOptions(`replay-late-${uuidv7().slice(-8)}`, process.env.KAFKA_BROKERS!, 6), {
      timeoutMs: -60000, // the deadline it sends is a minute ago
      partitions: 6,
      hedgeMs: 0,
    });
    await late.connect();
    try {
      const before = await partner.stock(product.id);
      const request: RpcRequest<ReturnType<typeof body>> = {
        caller: { keyId: storefront.id, role: 'storefront' },
        requestId: `late-${uuidv7()}`,
        payload: body(5),
        operation: { key: `req:${uuidv7()}`, requestHash: '' },
      };
      const answer = await firstValueFrom(late.send<RpcReply<OrderView>>(OrdersRpc.place, request).pipe(timeout(4000))).catch(
        (e: unknown) => e,
      );
      expect(answer).toBeInstanceOf(Error);
      expect((answer as Error).name).toBe('TimeoutError');
      // A request placed after it is answered (the service is fine) and sees the stock untouched.
      const next = await place(undefined, 1);
      expect(next.ok).toBe(true);
      // Reservations follow placement order: had the late one been placed, its 5 would go first.
      await eventually(async () => (await partner.stock(product.id)) === before - 1, 20000, 'the next order to take its unit');
      await new Promise((r) => setTimeout(r, 1000));
      expect(await partner.stock(product.id)).toBe(before - 1);
    } finally {
      await late.close();
    }
  });

  it('answers a storefront retrying its Idempotency-Key with the first order, and refuses the key with another body', async () => {
    const idempotencyKey = `retry-${uuidv7()}`;
    const res = await api.post('/v1/orders', body(1), { key: storefront.key, headers: { 'Idempotency-Key': idempotencyKey } });
    expect(res.status).toBe(201);
    // What the gateway sends when it retries that key after a 5xx released its record.
    const scoped = `idem:${createHash('sha256').update(`${storefront.id}\n${idempotencyKey}`).digest('hex')}`;
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    const hash = createHash('sha256')
      .update(`POST /v1/orders\n${JSON.stringify(sorted(body(1)))}`)
      .digest('hex');
    const retried = await place({ key: scoped, requestHash: hash }, 1);
    expect(retried.ok && retried.data.id).toBe(res.body.id);
    // The first placement stored the gateway's hash of its body; another body is refused.
    const otherBody = await place({ key: scoped, requestHash: 'another-body' }, 1);
    expect(otherBody).toMatchObject({ ok: false, problem: { status: 422, code: 'idempotency_key_reused' } });
    const replay = await api.post('/v1/orders', body(1), { key: storefront.key, headers: { 'Idempotency-Key': idempotencyKey } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(res.body.id);
    expectProblem(
      await api.post('/v1/orders', body(3), { key: storefront.key, headers: { 'Idempotency-Key': idempotencyKey } }),
      422,
      'idempotency_key_reused',
    );
  });

  it('answers a redelivered seller registration or product creation with what it created', async () => {
    const partnerKey = await api.issueKey('partner');
    const caller = { keyId: partnerKey.id, role: 'partner' as const, partnerId: partnerKey.partnerId! };
    const send = <T>(pattern: string, payload: unknown, key: string) =>
      firstValueFrom(
        client
          .send<RpcReply<T>>(pattern, { caller, requestId: `replay-${uuidv7()}`, payload, operation: { key, requestHash: '' } })
          .pipe(timeout(15000)),
      );
    const sellerBody = {
      name: 'HTX Chè Tân Cương',
      kind: 'cooperative',
      phone: '0912 345 678',
      address: { provinceCode: '19', wardCode: wardsOf('19')[0].code, line: 'Xóm Nam Đồng' },
    };
    const sellerKey = `req:${uuidv7()}`;
    const s1 = await send<SellerView>(CatalogRpc.registerSeller, sellerBody, sellerKey);
    const s2 = await send<SellerView>(CatalogRpc.registerSeller, sellerBody, sellerKey);
    expect(s1.ok && s2.ok && s2.data.id === s1.data.id).toBe(true);
    if (!s1.ok) return;
    const productBody = {
      sellerId: s1.data.id,
      name: 'Chè Tân Cương',
      categoryId: 'che',
      unit: 'túi',
      priceVnd: 120000,
      stock: 40,
      weightGrams: 500,
    };
    const productKey = `req:${uuidv7()}`;
    const p1 = await send<ProductView>(CatalogRpc.createProduct, productBody, productKey);
    const p2 = await send<ProductView>(CatalogRpc.createProduct, productBody, productKey);
    expect(p1.ok && p2.ok && p2.data.id === p1.data.id).toBe(true);
    // One product for that seller, not two.
    const listed = await api.get(`/v1/products?sellerId=${s1.data.id}`, { key: partnerKey.key });
    expect(listed.body.items).toHaveLength(1);
  });
});
