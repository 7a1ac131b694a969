import { crc16, vietQrPayload } from './vietqr';

describe('VietQR payload', () => {
  it('computes CRC-16/CCITT-FALSE (check value of "123456789" is 29B1)', () => {
    expect(crc16('123456789')).toBe('29B1');
  });

  it('encodes bank, account, amount and an ASCII purpose, ending with a valid CRC', () => {
    const p = vietQrPayload({ bankBin: '970405', accountNumber: '1500201234567', amountVnd: 1250000, purpose: 'Thanh toán đợt 29/01' });
    expect(p).toContain('0010A000000727');
    expect(p).toContain('0006970405');
    expect(p).toContain('01131500201234567');
    expect(p).toContain('0208QRIBFTTA');
    expect(p).toContain('5303704');
    expect(p).toContain('54071250000');
    expect(p).toContain('Thanh toan dot 29/01');
    expect(p.slice(-4)).toBe(crc16(p.slice(0, -4)));
  });
});
