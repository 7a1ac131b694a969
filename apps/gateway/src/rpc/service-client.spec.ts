import { Subject, type Observable } from 'rxjs';
import { CatalogRpc, OrdersRpc, type CallerIdentity, type RpcReply } from '@app/contracts';
import { ServiceBusyError, toProblem, UpstreamUnavailableError } from '@app/platform';
import { GatewayEnv } from '../gateway.env';
import type { RpcClient } from './rpc-client.provider';
import { ServiceClient } from './service-client';

/** A transport whose replies the test sends by hand, one subject per request in order. */
class HandTransport implements RpcClient {
  readonly sent: { pattern: string; reply: Subject<RpcReply<unknown>> }[] = [];

  send<R>(pattern: unknown): Observable<R> {
    const reply = new Subject<RpcReply<unknown>>();
    this.sent.push({ pattern: String(pattern), reply });
    return reply as unknown as Observable<R>;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  answer(i: number, data: unknown = { ok: true }): void {
    this.sent[i].reply.next({ ok: true, data });
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
