import { signWebhook } from './signature';

describe('signWebhook', () => {
  // The example of the Standard Webhooks specification (and of its reference libraries' tests).
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('gives the specification’s signature for its example', () => {
    expect(signWebhook([secret], id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('lists one signature per secret, space-separated, during a rotation', () => {
    const other = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const both = signWebhook([other, secret], id, timestamp, body).split(' ');
    expect(both).toHaveLength(2);
    expect(both[1]).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(both[0]).not.toBe(both[1]);
  });

  it('changes with any byte of the body, the id or the timestamp', () => {
    const base = signWebhook([secret], id, timestamp, body);
    expect(signWebhook([secret], id, timestamp, '{"test": 2432232315}')).not.toBe(base);
    expect(signWebhook([secret], `${id}x`, timestamp, body)).not.toBe(base);
    expect(signWebhook([secret], id, timestamp + 1, body)).not.toBe(base);
  });
});
