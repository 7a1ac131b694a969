import { allProvinces, CertificationSchemes, findWard, normalizeVietnamesePhone } from '@app/contracts';
import { CatalogGenerator, type CatalogShape } from './catalog-generator';
import { parseSeedArgs } from './seed-options';
import { SPECIALTIES, STAPLES } from './vietnam-produce';

/** Child category ids of the categories migration (the seed may only use these). */
const CATEGORY_IDS = new Set([
  'cay-co-mui',
  'trai-cay-nhiet-doi',
  'vai-nhan-chom-chom',
  'trai-cay-say',
  'rau-an-la',
  'cu-qua',
  'nam',
  'rau-gia-vi',
  'gao',
  'gao-dac-san',
  'nep',
  'ngo-khoai-san',
  'dau-hat',
  'ca-phe-nhan',
  'ca-phe-rang-xay',
  'che-xanh',
  'che-shan-tuyet',
  'tra-thao-moc',
  'tom',
  'ca',
  'hai-san-kho',
  'nuoc-mam',
  'thit-lon',
  'thit-bo',
  'gia-cam',
  'trung',
  'mat-ong',
  'ho-tieu',
  'hat-dieu',
  'que-hoi',
  'dac-san-vung-mien',
  'banh-keo-truyen-thong',
  'duoc-lieu',
  'do-kho',
  'tuong-mam',
]);

const shape: CatalogShape = { seed: 7, sellers: 300, partners: 5, anchor: new Date('2026-11-01T00:00:00+07:00') };

describe('CatalogGenerator', () => {
  const generator = new CatalogGenerator(shape);
  const products = Array.from({ length: 3000 }, (_, i) => generator.product(i));

  it('gives the same rows, ids included, for the same seed', () => {
    const again = new CatalogGenerator(shape);
    expect(again.sellers.map((s) => s.id)).toEqual(generator.sellers.map((s) => s.id));
    expect(again.product(1234)).toEqual(products[1234]);
    expect(new CatalogGenerator({ ...shape, seed: 8 }).product(0).product.id).not.toBe(products[0].product.id);
  });

  it('places sellers in all 34 provinces, each on a real 2025 ward of its province, with a valid phone', () => {
    expect(new Set(generator.sellers.map((s) => s.provinceCode))).toEqual(new Set(allProvinces().map((p) => p.code)));
    for (const s of generator.sellers) {
      expect(findWard(s.wardCode)?.provinceCode).toBe(s.provinceCode);
      expect(normalizeVietnamesePhone(s.phone)).toMatchObject({ ok: true, e164: s.phone, kind: 'mobile' });
      expect(['household', 'cooperative', 'enterprise']).toContain(s.kind);
    }
  });

  it('has a specialty for every province, in known categories', () => {
    const covered = new Set(SPECIALTIES.flatMap((s) => s.provinces));
    expect([...covered].sort()).toEqual(allProvinces().map((p) => p.code));
    for (const p of [...SPECIALTIES, ...STAPLES]) expect(CATEGORY_IDS).toContain(p.categoryId);
  });

  it('makes products a storefront could list: Vietnamese names, integer đồng, consistent OCOP and status', () => {
    for (const { product: p, seller } of products) {
      expect(p.sellerId).toBe(seller.id);
      expect(p.partnerId).toBe(seller.partnerId);
      expect(p.name.normalize('NFC')).toBe(p.name);
      expect(Number.isSafeInteger(p.priceVnd) && p.priceVnd > 0 && p.priceVnd % 1000 === 0).toBe(true);
      expect(p.stock).toBeGreaterThanOrEqual(0);
      expect(p.weightGrams).toBeGreaterThan(0);
      expect(p.originProvinceCode).toBe(seller.provinceCode);
      expect(p.createdAt.getTime()).toBeGreaterThanOrEqual(seller.createdAt.getTime());
      expect(p.createdAt.getTime()).toBeLessThanOrEqual(shape.anchor.getTime());
      expect(p.publishedAt !== null).toBe(p.status === 'active');
      if (p.ocopStars !== null) {
        expect(p.ocopStars).toBeGreaterThanOrEqual(3);
        expect(p.ocopCertificateNo).toMatch(new RegExp(`^OCOP-${p.originProvinceCode}-20\\d\\d-\\d{4}$`));
        expect(p.ocopValidUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      for (const c of p.certifications) {
        expect(CertificationSchemes).toContain(c.scheme);
        expect(c.validFrom! < c.validUntil).toBe(true);
      }
    }
    const names = products.map((x) => x.product.name);
    expect(names.some((n) => /[ăâđêôơưàảãáạ]/i.test(n))).toBe(true);
    expect(new Set(products.map((x) => x.product.id)).size).toBe(products.length);
  });

  it('uses UUID v7 ids whose time is the row’s creation, so "newest" sorts by creation', () => {
    const { product } = products[42];
    expect(product.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(product.id.replace(/-/g, '').slice(0, 12), 16)).toBe(product.createdAt.getTime());
  });

  it('includes OCOP-rated, certified, draft and paused products in realistic shares', () => {
    const share = (f: (x: (typeof products)[number]) => boolean) => products.filter(f).length / products.length;
    expect(share((x) => x.product.ocopStars !== null)).toBeGreaterThan(0.03);
    expect(share((x) => x.product.certifications.length > 0)).toBeGreaterThan(0.1);
    expect(share((x) => x.product.status === 'active')).toBeGreaterThan(0.85);
    expect(share((x) => x.product.status !== 'active')).toBeGreaterThan(0.03);
  });
});

describe('parseSeedArgs', () => {
  it('has defaults for the benchmark catalog', () => {
    expect(parseSeedArgs([])).toMatchObject({ products: 100_000, sellers: 4_000, seed: 1, batchSize: 1_000 });
  });

  it('reads --flag N and --flag=N', () => {
    expect(parseSeedArgs(['--products', '5000', '--seed=3', '--sellers', '1_000'])).toMatchObject({
      products: 5000,
      seed: 3,
      sellers: 1000,
    });
  });

  it('names every bad option', () => {
    expect(() => parseSeedArgs(['--products', '-1', '--colour', 'red', '--as-of', 'tomorrow'])).toThrow(
      /--products needs an integer[\s\S]*unknown option --colour[\s\S]*--as-of needs a date/,
    );
  });
});
