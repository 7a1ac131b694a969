import { MAX_INPUT_DEPTH, MAX_INPUT_ITEMS, unsafeInput } from './input-guard';

describe('input guard', () => {
  it('names the field holding a NUL or a lone surrogate, in values and in keys', () => {
    expect(unsafeInput({ name: 'a\u0000b' }, '')?.field).toBe('name');
    expect(unsafeInput({ items: [{ note: 'x' }, { note: 'a\ud800b' }] }, '')?.field).toBe('items[1].note');
    expect(unsafeInput({ address: { ['li\udc00ne']: 'x' } }, '')?.field).toBe('address.li\udc00ne');
    expect(unsafeInput('a\u0000', 'id')?.field).toBe('id');
    expect(unsafeInput('a\u0000', '')?.field).toBe('body');
  });

  it('refuses __proto__, constructor and prototype keys as unknown fields', () => {
    expect(unsafeInput(JSON.parse('{"name":"x","__proto__":{"admin":true}}'), '')?.field).toBe('__proto__');
    expect(unsafeInput({ address: JSON.parse('{"constructor":{}}') }, '')?.field).toBe('address.constructor');
  });

  it('lets paired surrogates (emoji), Vietnamese and ordinary values through', () => {
    expect(unsafeInput({ name: 'Vải thiều 🍒 Lục Ngạn', n: 1, ok: true, none: null, list: ['Cà phê'] }, '')).toBeUndefined();
  });

  it('refuses nesting deeper than the limit without walking it all', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(unsafeInput({ a: deep }, '')?.message).toContain(`deeper than ${MAX_INPUT_DEPTH}`);
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_INPUT_DEPTH - 2; i++) ok = { k: ok };
    expect(unsafeInput(ok, '')).toBeUndefined();
  });

  it('refuses an array longer than the limit before looking at its items', () => {
    expect(unsafeInput({ lines: new Array(MAX_INPUT_ITEMS + 1).fill({}) }, '')).toMatchObject({ field: 'lines' });
    expect(unsafeInput({ lines: new Array(MAX_INPUT_ITEMS).fill({}) }, '')).toBeUndefined();
  });
});
