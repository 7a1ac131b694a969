import { defineEvent } from '@app/contracts';
import { EnvelopeError, newEvent, parseEnvelope } from './envelope';

describe('CloudEvents envelope', () => {
  const Placed = defineEvent<{ orderId: string }>('orders.order.placed.v1', 'orders.events');

  it('round-trips a new event with a UUID v7 id and a UTC time', () => {
    const e = newEvent(Placed, 'ord_1', { orderId: 'ord_1' }, '/nongsan/orders', new Date('2026-01-28T03:00:00+07:00'));
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(e.time).toBe('2026-01-27T20:00:00.000Z');
    expect(parseEnvelope(JSON.stringify(e))).toEqual(e);
  });

  it.each([
    ['', 'empty message'],
    ['[1]', 'not a JSON object'],
    ['{"specversion":"0.3"}', '"specversion" must be "1.0"'],
    ['{"specversion":"1.0","id":"x"}', '"id" must be a UUID'],
  ])('rejects %j: %s', (raw, reason) => {
    expect(() => parseEnvelope(raw)).toThrow(new EnvelopeError(reason));
  });

  it('rejects a type that does not follow <context>.<entity>.<happened>.v<N>', () => {
    const e = { ...newEvent(Placed, 's', { orderId: 's' }, '/x'), type: 'OrderPlaced' };
    expect(() => parseEnvelope(JSON.stringify(e))).toThrow(/"type" "OrderPlaced"/);
  });

  it('refuses to define an event type with a bad name', () => {
    expect(() => defineEvent('orders.placed', 'orders.events')).toThrow(/does not follow/);
  });
});
