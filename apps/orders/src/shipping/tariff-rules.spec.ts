import { codFee, DEFAULT_TARIFF, parseTariff, shippingFee, zoneOf, type Tariff } from './tariff';

describe('shipping tariff rules', () => {
  it('treats a province it cannot place in a region as another region', () => {
    expect(zoneOf('01', 'xx')).toBe('inter_region');
    expect(zoneOf('xx', 'xx')).toBe('intra_province');
  });

  it('charges the base price up to the first band, whatever the weight below it', () => {
    expect(shippingFee(DEFAULT_TARIFF, 'express', 'intra_region', 0)).toBe(30_000);
    expect(shippingFee(DEFAULT_TARIFF, 'express', 'intra_region', 500)).toBe(30_000);
  });

  it('charges a started band as a whole one', () => {
    expect(shippingFee(DEFAULT_TARIFF, 'standard', 'intra_region', 1000)).toBe(22_000 + 3_500);
    expect(shippingFee(DEFAULT_TARIFF, 'standard', 'intra_region', 1001)).toBe(22_000 + 2 * 3_500);
  });

  it('makes express dearer than standard in every zone', () => {
    for (const zone of ['intra_province', 'intra_region', 'inter_region'] as const)
      expect(shippingFee(DEFAULT_TARIFF, 'express', zone, 2500)).toBeGreaterThan(shippingFee(DEFAULT_TARIFF, 'standard', zone, 2500));
  });

  it('rounds the COD fee up to the đồng, above the floor', () => {
    expect(codFee(DEFAULT_TARIFF, 625_000)).toBe(5_000);
    expect(codFee(DEFAULT_TARIFF, 625_001)).toBe(5_001);
    expect(codFee(DEFAULT_TARIFF, -1)).toBe(0);
  });

  it('uses the default tariff when none is configured, and a configured one as given', () => {
    expect(parseTariff('  ')).toBe(DEFAULT_TARIFF);
    const flat: Tariff = {
      zones: {
        standard: {
          intra_province: { baseVnd: 10_000, firstGrams: 1000, stepVnd: 1000, stepGrams: 1000 },
          intra_region: { baseVnd: 10_000, firstGrams: 1000, stepVnd: 1000, stepGrams: 1000 },
          inter_region: { baseVnd: 10_000, firstGrams: 1000, stepVnd: 1000, stepGrams: 1000 },
        },
        express: DEFAULT_TARIFF.zones.express,
      },
      codFee: { permille: 0, minVnd: 0 },
    };
    const parsed = parseTariff(JSON.stringify(flat));
    expect(shippingFee(parsed, 'standard', 'inter_region', 2500)).toBe(12_000);
    expect(codFee(parsed, 1_000_000)).toBe(0);
  });

  it('refuses a band of zero grams and a COD fee that is not whole', () => {
    const zeroStep = { ...DEFAULT_TARIFF, zones: { ...DEFAULT_TARIFF.zones, express: { ...DEFAULT_TARIFF.zones.express } } };
    zeroStep.zones.express.inter_region = { baseVnd: 1, firstGrams: 1, stepVnd: 1, stepGrams: 0 };
    expect(() => parseTariff(JSON.stringify(zeroStep))).toThrow(/zones.express.inter_region/);
    expect(() => parseTariff(JSON.stringify({ ...DEFAULT_TARIFF, codFee: { permille: 0.5, minVnd: 0 } }))).toThrow(/codFee/);
  });
});
