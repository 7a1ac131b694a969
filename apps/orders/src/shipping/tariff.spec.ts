import { codFee, DEFAULT_TARIFF, parseTariff, shippingFee, zoneOf } from './tariff';

describe('shipping tariff', () => {
  it('zones by province and macro-region', () => {
    expect(zoneOf('01', '01')).toBe('intra_province');
    expect(zoneOf('01', '24')).toBe('intra_region'); // Hà Nội → Bắc Ninh
    expect(zoneOf('01', '79')).toBe('inter_region'); // Hà Nội → TP.HCM
  });

  it('prices the first band and every started further band', () => {
    expect(shippingFee(DEFAULT_TARIFF, 'standard', 'intra_province', 500)).toBe(16500);
    expect(shippingFee(DEFAULT_TARIFF, 'standard', 'intra_province', 501)).toBe(19000);
    expect(shippingFee(DEFAULT_TARIFF, 'standard', 'inter_region', 2000)).toBe(32000 + 3 * 5000);
  });

  it('charges COD as a share of the cash with a floor, nothing without cash', () => {
    expect(codFee(DEFAULT_TARIFF, 0)).toBe(0);
    expect(codFee(DEFAULT_TARIFF, 100000)).toBe(5000);
    expect(codFee(DEFAULT_TARIFF, 1_000_001)).toBe(8001);
  });

  it('refuses a tariff with a missing zone, naming it', () => {
    expect(() => parseTariff('{"zones":{"standard":{}},"codFee":{"permille":8,"minVnd":0}}')).toThrow(/zones.standard.intra_province/);
  });
});
