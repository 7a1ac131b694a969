import { CommissionPolicy } from './commission-policy';

const line = (categoryId: string, unitPriceVnd: number, quantity: number) => ({
  productId: 'p',
  name: 'n',
  categoryId,
  quantity,
  unitPriceVnd,
  lotId: null,
});

describe('CommissionPolicy', () => {
  const policy = new CommissionPolicy(500, 'ca-phe=300,gao-dac-san=200');

  it('charges each line at its category rate, rounding half up to the đồng', () => {
    // 3 × 65,001 at 5% = 9,750.15 → 9,750; 2 × 180,000 at 3% = 10,800.
    expect(policy.commissionOf(555003, [line('vai-nhan-chom-chom', 65001, 3), line('ca-phe', 180000, 2)])).toBe(9750 + 10800);
  });

  it('charges items the lines do not cover at the default rate', () => {
    expect(policy.commissionOf(100000, [line('gao-dac-san', 50000, 1)])).toBe(1000 + 2500);
  });

  it('never charges more than the items', () => {
    expect(new CommissionPolicy(10000, '').commissionOf(1000, [line('x', 2000, 1)])).toBe(1000);
  });
});
