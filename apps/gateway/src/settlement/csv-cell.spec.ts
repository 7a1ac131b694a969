import { payoutBankFile } from './payout-bank-file';
import { csvCell } from './csv-cell';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=1+2', `'=1+2`],
    ['+84912345678', `'+84912345678`],
    ['-2', `'-2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['Hộ ông Ba, Lục Ngạn', `"Hộ ông Ba, Lục Ngạn"`],
    ['HTX Chè', 'HTX Chè'],
  ])('%j → %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers as numbers, negative ones too', () => {
    expect(csvCell(-25000)).toBe('-25000');
  });

  it('defuses a formula in a seller or account name of the payout bank file', () => {
    const file = payoutBankFile({
      id: 'p1',
      reference: 'PAY-1',
      status: 'created',
      minimumVnd: 10000,
      totalVnd: 50000,
      itemCount: 1,
      createdAt: '2026-12-07T10:00:00+07:00',
      paidAt: null,
      items: [
        {
          sellerId: '01a2-seller',
          sellerName: '=HYPERLINK("http://evil","Nhận tiền")',
          amountVnd: 50000,
          bankAccount: { bankBin: '970405', accountNumber: '1500201234', accountName: '=1+2' },
          vietQr: null,
        },
      ],
    });
    const row = file.split('\r\n')[1];
    expect(row).toContain(`"'=HYPERLINK(""http://evil"",""Nhận tiền"")"`);
    expect(row).toContain(`,'=1+2,`);
    expect(row).not.toMatch(/,=/);
  });
});
