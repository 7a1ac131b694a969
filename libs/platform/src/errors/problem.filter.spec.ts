import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundError, ServiceBusyError } from './domain-error';
import { PROBLEM_CONTENT_TYPE, ProblemFilter } from './problem.filter';

/** What the filter writes to an Express response. */
function answer(error: unknown, acceptLanguage?: string) {
  const sent: { status?: number; type?: string; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    send(text: string) {
      sent.body = JSON.parse(text) as Record<string, unknown>;
      return this;
    },
  };
  const req = { originalUrl: '/v1/orders', headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => req }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return sent;
}

describe('ProblemFilter over HTTP', () => {
  it('answers a busy service with 503 problem+json and Retry-After, in Vietnamese when asked', () => {
    const sent = answer(new ServiceBusyError('orders'), 'vi');
    expect(sent).toMatchObject({ status: 503, type: PROBLEM_CONTENT_TYPE, headers: { 'Retry-After': '1' } });
    expect(sent.body).toMatchObject({ status: 503, code: 'service_busy', instance: '/v1/orders' });
    expect(sent.body).toMatchObject({ title: 'Dịch vụ đang quá tải', detail: expect.stringContaining('quá tải') });
  });

  it('sets no Retry-After on other problems', () => {
    const sent = answer(new NotFoundError('Order', 'x'));
    expect(sent).toMatchObject({ status: 404, headers: {} });
  });
});
