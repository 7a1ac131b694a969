import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { pinoOptions } from './logging';

/** What a service's logger writes, as text: the options every service uses, into memory. */
function capture(): { logger: pino.Logger; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString('utf8');
      done();
    },
  });
  const { autoLogging: _auto, genReqId: _gen, ...options } = pinoOptions('test', 'info');
  return { logger: pino(options as pino.LoggerOptions, stream), text: () => out };
}

describe('log redaction', () => {
  const phone = '0987654321';
  const name = 'Trần Thị Mai';
  const line = '12 Nguyễn Huệ';

  it('never writes a failed statement’s parameters or what PostgreSQL quotes of them', () => {
    const { logger, text } = capture();
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "sellers_phone_key"'), {
      code: '23505',
      detail: `Key (phone)=(${phone}) already exists.`,
      constraint: 'sellers_phone_key',
    });
    const failed = new QueryFailedError(
      'INSERT INTO sellers (name, phone, address_line) VALUES ($1, $2, $3)',
      [name, phone, line],
      driverError,
    );
    logger.error({ err: failed }, 'unhandled error');
    const written = text();
    expect(written).toContain('INSERT INTO sellers');
    expect(written).toContain('sellers_phone_key');
    for (const secret of [phone, name, line]) expect(written).not.toContain(secret);
  });

  it('redacts credentials and personal data by field name at any depth', () => {
    const { logger, text } = capture();
    logger.warn(
      {
        order: { buyer: { name, phone }, address: { provinceCode: '79', line }, receiverPhone: phone },
        endpoint: { id: 'e1', secret: 'whsec_abc', secretEnc: 'enc' },
        headers: { authorization: 'Bearer ns_key', token: 'vnpost-token' },
      },
      'something to look at',
    );
    const written = JSON.parse(text()) as Record<string, any>;
    expect(written.order).toEqual({
      buyer: { name: '[Redacted]', phone: '[Redacted]' },
      address: '[Redacted]',
      receiverPhone: '[Redacted]',
    });
    expect(written.endpoint).toEqual({ id: 'e1', secret: '[Redacted]', secretEnc: '[Redacted]' });
    expect(written.headers).toEqual({ authorization: '[Redacted]', token: '[Redacted]' });
  });
});
