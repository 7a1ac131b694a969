import { Subject, type Observable } from 'rxjs';
import { CatalogRpc, OrdersRpc, type CallerIdentity, type RpcReply } from '@app/contracts';
import { SerializedReply, ServiceBusyError, toProblem, UpstreamUnavailableError, VersionedReply } from '@app/platform';
import { GatewayEnv } from '../gateway.env';
import type { RpcClient } from './rpc-client.provider';
import { RenderedReplies, ServiceClient } from './service-client';

/** A transport whose replies the test sends by hand, one subject per request in order. */
class HandTransport implements RpcClient {
  readonly sent: { pattern: string; reply: Subject<unknown> }[] = [];

  send<R>(pattern: unknown): Observable<R> {
    const reply = new Subject<unknown>();
    this.sent.push({ pattern: String(pattern), reply });
    return reply as unknown as Observable<R>;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  answer(i: number, data: unknown = { ok: true }): void {
    this.reply(i, { ok: true, data } satisfies RpcReply<unknown>);
  }

  /** Answers with exactly this (a reply, or a VersionedReply as the Kafka client hands one over). */
  reply(i: number, reply: unknown): void {
    this.sent[i].reply.next(reply);
    this.sent[i].reply.complete();
  }
}

const caller: CallerIdentity = { keyId: 'k', role: 'storefront' };

function clientWith(maxInFlight: number, timeoutMs = 60_000): { client: ServiceClient; transport: HandTransport } {
  const env = Object.assign(new GatewayEnv(), { RPC_MAX_IN_FLIGHT: maxInFlight, RPC_TIMEOUT_MS: timeoutMs });
  const transport = new HandTransport();
  return { client: new ServiceClient(transport, env), transport };
}

const getProduct = (client: ServiceClient, i: number) => client.call(CatalogRpc.getProduct, caller, `r${i}`, { id: `p${i}` });

describe('ServiceClient admission (ADR 0009)', () => {
  it('refuses the request past RPC_MAX_IN_FLIGHT at once with 503 service_busy and Retry-After, sending nothing', async () => {
    const { client, transport } = clientWith(3);
    const admitted = [0, 1, 2].map((i) => getProduct(client, i));
    await expect(getProduct(client, 3)).rejects.toBeInstanceOf(ServiceBusyError);
    expect(transport.sent).toHaveLength(3);
    const refused = await getProduct(client, 4).catch((e: unknown) => e);
    expect(toProblem(refused)).toMatchObject({ status: 503, code: 'service_busy' });
    expect((refused as ServiceBusyError).retryAfterSeconds).toBe(1);
    expect(client.waitingOn('catalog')).toBe(3);
    [0, 1, 2].forEach((i) => transport.answer(i, { id: `p${i}` }));
    await expect(Promise.all(admitted)).resolves.toEqual([{ id: 'p0' }, { id: 'p1' }, { id: 'p2' }]);
  });

  it('admits again as answers arrive, and counts each service on its own', async () => {
    const { client, transport } = clientWith(2);
    const first = getProduct(client, 0);
    const second = getProduct(client, 1);
    // Another service still has room.
    const quote = client.call(OrdersRpc.quote, caller, 'q', {} as never);
    expect(client.waitingOn('orders')).toBe(1);
    await expect(getProduct(client, 2)).rejects.toBeInstanceOf(ServiceBusyError);
    transport.answer(0, 'a');
    await expect(first).resolves.toBe('a');
    expect(client.waitingOn('catalog')).toBe(1);
    const third = getProduct(client, 3);
    expect(transport.sent.map((s) => s.pattern)).toEqual([
      CatalogRpc.getProduct,
      CatalogRpc.getProduct,
      OrdersRpc.quote,
      CatalogRpc.getProduct,
    ]);
    transport.answer(1, 'b');
    transport.answer(2, 'q');
    transport.answer(3, 'c');
    await expect(Promise.all([second, quote, third])).resolves.toEqual(['b', 'q', 'c']);
    expect([client.waitingOn('catalog'), client.waitingOn('orders')]).toEqual([0, 0]);
  });

  it('frees the place of a request that timed out or failed', async () => {
    const { client, transport } = clientWith(1, 100);
    await expect(getProduct(client, 0)).rejects.toMatchObject({ status: 504, code: 'upstream_timeout' });
    expect(client.waitingOn('catalog')).toBe(0);
    const failing = getProduct(client, 1);
    transport.sent[1].reply.error(new Error('broker gone'));
    await expect(failing).rejects.toBeInstanceOf(UpstreamUnavailableError);
    expect(client.waitingOn('catalog')).toBe(0);
    const ok = getProduct(client, 2);
    transport.answer(2, 'ok');
    await expect(ok).resolves.toBe('ok');
  });
});

describe('ServiceClient.callRendered', () => {
  const page = { items: [{ id: 'p1', name: 'Cà phê Buôn Ma Thuột' }], nextCursor: null };
  const versioned = (reply: SerializedReply) => new VersionedReply(reply.version, reply.bytes);
  const search = (client: ServiceClient, rendered: RenderedReplies, view: (p: typeof page) => unknown) =>
    client.callRendered(CatalogRpc.searchProducts, caller, 'r', { limit: 20 }, rendered, view as never);

  it('makes the body of a version once and gives it again for every later reply with that version', async () => {
    const { client, transport } = clientWith(10);
    const rendered = new RenderedReplies();
    const view = jest.fn((p: typeof page) => ({ ...p, items: p.items.map((i) => ({ ...i, traceUrl: null })) }));
    const cached = SerializedReply.of(page);
    const first = search(client, rendered, view);
    transport.reply(0, versioned(cached));
    const again = search(client, rendered, view);
    transport.reply(1, versioned(cached));
    const a = await first;
    const b = await again;
    expect(a).toEqual({ body: JSON.stringify({ ...page, items: [{ ...page.items[0], traceUrl: null }] }), version: cached.version });
    expect(b.body).toBe(a.body);
    expect(view).toHaveBeenCalledTimes(1);
    // A new version of the page (the catalog refreshed it) is made again.
    const next = SerializedReply.of({ ...page, items: [] });
    const third = search(client, rendered, view);
    transport.reply(2, versioned(next));
    await expect(third).resolves.toEqual({ body: JSON.stringify({ items: [], nextCursor: null }), version: next.version });
    expect(view).toHaveBeenCalledTimes(2);
  });

  it('makes the body of an unversioned reply every time and keeps nothing; a problem is thrown as usual', async () => {
    const { client, transport } = clientWith(10);
    const rendered = new RenderedReplies();
    const plain = search(client, rendered, (p) => p);
    transport.answer(0, page);
    await expect(plain).resolves.toEqual({ body: JSON.stringify(page), version: null });
    expect(rendered.size).toBe(0);
    const refused = search(client, rendered, (p) => p);
    transport.reply(1, { ok: false, problem: { type: '/problems/validation_failed', title: 'x', status: 422, code: 'validation_failed' } });
    await expect(refused.catch((e: unknown) => toProblem(e))).resolves.toMatchObject({ status: 422 });
  });

  it('call() still answers a versioned reply with its value', async () => {
    const { client, transport } = clientWith(10);
    const answer = client.call(CatalogRpc.searchProducts, caller, 'r', { limit: 20 });
    transport.reply(0, versioned(SerializedReply.of(page)));
    await expect(answer).resolves.toEqual(page);
  });
});

describe('RenderedReplies', () => {
  it('keeps at most its size, dropping the oldest', () => {
    const r = new RenderedReplies(2);
    r.keep('a', 'A');
    r.keep('b', 'B');
    r.keep('c', 'C');
    expect([r.get('a'), r.get('b'), r.get('c'), r.size]).toEqual([undefined, 'B', 'C', 2]);
  });
});
