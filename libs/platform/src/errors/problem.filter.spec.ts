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
  it('answers a database that refuses connections with 503 database_unavailable and Retry-After, not a 500', () => {
    const pgError = Object.assign(new Error('sorry, too many clients already'), { code: '53300' });
    const sent = answer(pgError, 'vi');
    expect(sent).toMatchObject({ status: 503, type: PROBLEM_CONTENT_TYPE, headers: { 'Retry-After': '1' } });
    expect(sent.body).toMatchObject({ code: 'database_unavailable', title: 'Cơ sở dữ liệu tạm thời không khả dụng' });
    expect(answer(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })).status).toBe(503);
    expect(answer(new Error('Connection terminated unexpectedly')).status).toBe(503);
    // A statement the database refuses is a bug or a conflict, not an outage.
    expect(answer(Object.assign(new Error('duplicate key value'), { code: '23505' })).status).toBe(500);
  });

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
