import { maskPhone, normalizeVietnamesePhone } from './vn-phone';

describe('normalizeVietnamesePhone', () => {
  it.each([
    ['0912345678', '+84912345678', '0912345678'],
    ['+84912345678', '+84912345678', '0912345678'],
    ['84912345678', '+84912345678', '0912345678'],
    ['0084912345678', '+84912345678', '0912345678'],
    ['+84 (0) 912 345 678', '+84912345678', '0912345678'],
    ['0912.345.678', '+84912345678', '0912345678'],
    ['0912-345-678', '+84912345678', '0912345678'],
    ['(091) 234 5678', '+84912345678', '0912345678'],
    ['  +84 91 234 56 78  ', '+84912345678', '0912345678'],
    ['０９１２３４５６７８', '+84912345678', '0912345678'], // full-width digits from some mobile keyboards
    ['0912\u00A0345\u00A0678', '+84912345678', '0912345678'], // non-breaking spaces
    ['0321234567', '+84321234567', '0321234567'], // Viettel 03x
    ['0521234567', '+84521234567', '0521234567'], // 05x
    ['0701234567', '+84701234567', '0701234567'], // MobiFone 07x
    ['0861234567', '+84861234567', '0861234567'], // 08x
  ])('accepts the mobile number %j', (input, e164, national) => {
    expect(normalizeVietnamesePhone(input)).toEqual({ ok: true, e164, national, kind: 'mobile' });
  });

  it.each([
    ['024 3825 1234', '+842438251234', '02438251234'], // Hà Nội
    ['(028) 3821 2345', '+842838212345', '02838212345'], // TP.HCM
    ['0236 381 1234', '+842363811234', '02363811234'], // Đà Nẵng
    ['+84 236 381 1234', '+842363811234', '02363811234'],
  ])('accepts the landline %j', (input, e164, national) => {
    expect(normalizeVietnamesePhone(input)).toEqual({ ok: true, e164, national, kind: 'landline' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['091234567', 'Mobile numbers have 10 digits'],
    ['09123456789', 'Mobile numbers have 10 digits'],
    ['+8491234567', 'Mobile numbers have 10 digits'],
    ['0243825123', 'Landline numbers have 11 digits'], // one digit short
    ['01691234567', 'Old 11-digit mobile'],
    ['1900 1234', 'must start with 0, +84 or 84'],
    ['019001234', 'Service numbers'],
    ['0412345678', '04x is not a Vietnamese'],
    ['0612345678', '06x is not a Vietnamese'],
    ['+1 415 555 0100', 'Only Vietnamese numbers'],
    ['912345678', 'must start with 0, +84 or 84'],
    ['0912 345 67a', 'only digits'],
    ['0912+345678', 'only digits'],
    ['tel:0912345678', 'only digits'],
    ['0'.repeat(41), 'too long'],
  ])('rejects %j', (input, fragment) => {
    const r = normalizeVietnamesePhone(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain(fragment);
    expect(r.messageVi.length).toBeGreaterThan(0);
  });

  it('gives a Vietnamese message too', () => {
    expect(normalizeVietnamesePhone('091234567')).toMatchObject({
      ok: false,
      messageVi: 'Số di động gồm 10 chữ số (0 + 9 chữ số); 091234567 có 9 chữ số',
    });
  });

  it('rejects non-string values that slipped past the type system', () => {
    expect(normalizeVietnamesePhone(912345678 as unknown as string).ok).toBe(false);
  });
});

describe('maskPhone', () => {
  it('keeps the first digit after +84 and the last three', () => {
    expect(maskPhone('+84912345678')).toBe('+84 9** *** 678');
    expect(maskPhone('+84321234567')).toBe('+84 3** *** 567');
  });

  it('masks landlines', () => {
    expect(maskPhone('+842838212345')).toBe('+84 2* **** *345');
  });

  it('accepts any form normalizeVietnamesePhone accepts', () => {
    expect(maskPhone('0912 345 678')).toBe('+84 9** *** 678');
  });

  it('leaks nothing for an invalid value', () => {
    expect(maskPhone('+1 415 555 0100')).toBe('***');
    expect(maskPhone('')).toBe('***');
  });
});
