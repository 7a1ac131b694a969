import { issueGtin, lgtinUri, toGtin14 } from './gtin';

describe('GTINs', () => {
  it('accepts GTIN-13 and GTIN-8 with a right check digit, as GTIN-14', () => {
    expect(toGtin14('8934563138011')).toBe('08934563138011');
    expect(toGtin14('96385074')).toBe('00000096385074');
  });

  it.each(['8934563138015', '12345', 'abcdefghijklm'])('refuses %s', (g) => {
    expect(toGtin14(g)).toBeNull();
  });

  it('issues valid GTIN-14s under the company prefix', () => {
    const g = issueGtin('952000', 42);
    expect(g).toMatch(/^0952000000042\d$/);
    expect(toGtin14(g)).toBe(g);
    expect(lgtinUri(g, '7K3M9XQZ')).toBe(`https://id.gs1.org/01/${g}/10/7K3M9XQZ`);
  });
});
