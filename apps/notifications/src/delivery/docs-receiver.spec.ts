import { newWebhookSecret } from '../endpoints/secret-box';
import { signWebhook } from './signature';

// The receiver shown in docs/webhooks.md must accept what we send and refuse anything else.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verify } = require('../../../../docs/examples/webhook-receiver.js') as {
  verify: (secret: string, headers: Record<string, string | undefined>, body: string) => boolean;
};

describe('the example receiver in docs/', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: 'evt_1', type: 'order.created', timestamp: '2026-12-07T09:00:00+07:00', data: { sequence: 1 } });
  const ts = Math.floor(Date.now() / 1000);
  const headers = (signature: string, at = ts) => ({
    'webhook-id': 'evt_1',
    'webhook-timestamp': String(at),
    'webhook-signature': signature,
  });

  it('accepts our signature, alone or beside another during a rotation', () => {
    expect(verify(secret, headers(signWebhook([secret], 'evt_1', ts, body)), body)).toBe(true);
    expect(verify(secret, headers(signWebhook([newWebhookSecret(), secret], 'evt_1', ts, body)), body)).toBe(true);
  });

  it('refuses another secret, a changed body, a stale timestamp and a missing signature', () => {
    expect(verify(newWebhookSecret(), headers(signWebhook([secret], 'evt_1', ts, body)), body)).toBe(false);
    expect(verify(secret, headers(signWebhook([secret], 'evt_1', ts, body)), body.replace('1}', '2}'))).toBe(false);
    expect(verify(secret, headers(signWebhook([secret], 'evt_1', ts - 3600, body), ts - 3600), body)).toBe(false);
    expect(verify(secret, { 'webhook-id': 'evt_1', 'webhook-timestamp': String(ts), 'webhook-signature': undefined }, body)).toBe(false);
  });
});
