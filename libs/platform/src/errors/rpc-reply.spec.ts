import { lastValueFrom, of } from 'rxjs';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { RpcReplyInterceptor, SerializedReply } from './rpc-reply';

describe('SerializedReply', () => {
  const page = { items: [{ name: 'Vải thiều Lục Ngạn', priceVnd: 65000, traceCode: null }], nextCursor: 'abc' };

  it('holds the ok reply as UTF-8 JSON, the bytes a caller would have received for the value', () => {
    const reply = SerializedReply.of(page);
    expect(reply.bytes.toString('utf8')).toBe(JSON.stringify({ ok: true, data: page }));
  });

  it('gives a fresh copy of the value each time', () => {
    const reply = SerializedReply.of(page);
    const a = reply.data();
    a.items[0].priceVnd = 1;
    expect(reply.data()).toEqual(page);
  });

  it('stands for its reply in a JSON round trip (the in-process transport)', () => {
    expect(JSON.parse(JSON.stringify(SerializedReply.of(page)))).toEqual({ ok: true, data: page });
  });

  it('is passed through by the reply interceptor, other values are wrapped', async () => {
    const interceptor = new RpcReplyInterceptor();
    const run = (value: unknown) =>
      lastValueFrom(interceptor.intercept({} as ExecutionContext, { handle: () => of(value) } as CallHandler));
    const reply = SerializedReply.of(page);
    await expect(run(reply)).resolves.toBe(reply);
    await expect(run(page)).resolves.toEqual({ ok: true, data: page });
    await expect(run(undefined)).resolves.toEqual({ ok: true, data: null });
  });
});
