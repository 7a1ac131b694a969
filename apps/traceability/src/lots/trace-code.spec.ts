import { newTraceCode, normalizeTraceCode } from './trace-code';

describe('trace codes', () => {
  it('are 8 characters a person can read off a label and type back', () => {
    const codes = new Set(Array.from({ length: 2000 }, newTraceCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it.each([
    ['7k3m-9xqz', '7K3M9XQZ'],
    [' 7K3M 9XQZ ', '7K3M9XQZ'],
    ['o1lI2345', '01112345'],
  ])('reads %s as %s', (typed, code) => {
    expect(normalizeTraceCode(typed)).toBe(code);
  });

  it.each(['7K3M9XQ', '7K3M9XQZZ', '7K3M9XQU', 'ÀBCDEFGH', ''])('refuses %s', (typed) => {
    expect(normalizeTraceCode(typed)).toBeNull();
  });
});
