import {
  allProvinces,
  findWard,
  region,
  normalizeVietnamesePhone,
  wardsOf,
  type Certification,
  type CertificationScheme,
  type ProductStatus,
  type Province,
  type SellerKind,
  type Ward,
} from '@app/contracts';
import { vietnamDate } from '@app/platform';
import { Product } from '../products/product.entity';
import { Seller } from '../sellers/seller.entity';
import { SeedRandom } from './seed-random';
import {
  BRAND_WORDS,
  COOP_FOCUS,
  ENTERPRISE_FOCUS,
  ENTERPRISE_FORMS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  GRADES,
  HAMLET_NAMES,
  MIDDLE_NAMES,
  MOBILE_PREFIXES,
  PACKS,
  SPECIALTIES,
  STAPLES,
  type Pack,
  type Produce,
} from './vietnam-produce';

export interface CatalogShape {
  /** Drives every random choice: the same seed and counts give the same rows (ids included). */
  seed: number;
  sellers: number;
  partners: number;
  /** Sellers register between ~2 years and a month before this instant; products after their seller. */
  anchor: Date;
}

const DAY_MS = 86_400_000;
/** Stream keys, so sellers, partners and products never share random numbers. */
const STREAM = { partner: 1, seller: 2, product: 3 } as const;
const KIND_WEIGHTS: readonly (readonly [SellerKind, number])[] = [
  ['household', 60],
  ['cooperative', 30],
  ['enterprise', 10],
];
/** Enterprises list more products than cooperatives, cooperatives more than households. */
const LISTING_WEIGHT: Record<SellerKind, number> = { household: 1, cooperative: 3, enterprise: 8 };
const STATUS_WEIGHTS: readonly (readonly [ProductStatus, number])[] = [
  ['active', 92],
  ['draft', 5],
  ['paused', 3],
];
const CERT_WEIGHTS: readonly (readonly [CertificationScheme, number])[] = [
  ['VietGAP', 55],
  ['organic', 15],
  ['GlobalGAP', 10],
  ['HACCP', 10],
  ['ISO22000', 5],
  ['other', 5],
];
const CERT_ISSUERS: Record<CertificationScheme, string> = {
  VietGAP: 'Trung tâm Chứng nhận Phù hợp Quacert',
  organic: 'Control Union Việt Nam',
  GlobalGAP: 'Bureau Veritas Việt Nam',
  HACCP: 'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 3',
  ISO22000: 'SGS Việt Nam',
  other: 'Sở Nông nghiệp và Môi trường',
};

/** What a place below the ward is called: tổ dân phố in towns, ấp in the south, bản in the northern hills. */
function hamletKinds(ward: Ward): readonly string[] {
  if (ward.type === 'phuong') return ['Tổ dân phố', 'Khu phố'];
  switch (region(ward.provinceCode)) {
    case 'south':
      return ['Ấp'];
    case 'central':
      return ['Thôn', 'Làng'];
    case 'north':
      return ['Thôn', 'Xóm', 'Bản'];
    case undefined:
      return ['Thôn'];
  }
}

/**
 * A realistic Vietnamese catalog, row by row: sellers spread over the 34 provinces (real 2025 ward
 * codes), products drawn from their province's specialties and everyday produce. Pure and
 * deterministic; writing the rows is the seeder's job.
 */
export class CatalogGenerator {
  readonly sellers: readonly Seller[];
  private readonly partnerIds: readonly string[];
  private readonly specialtiesBySeller: readonly (readonly Produce[])[];
  /** Cumulative listing weights, for picking a product's seller. */
  private readonly sellerCumulative: Float64Array;
  private readonly provinceByCode: ReadonlyMap<string, Province>;

  constructor(private readonly shape: CatalogShape) {
    if (shape.sellers < 1 || shape.partners < 1) throw new Error('a catalog needs at least one seller and one partner');
    const provinces = allProvinces();
    this.provinceByCode = new Map(provinces.map((p) => [p.code, p]));
    this.partnerIds = Array.from({ length: shape.partners }, (_, k) => {
      const rng = new SeedRandom(shape.seed, STREAM.partner, k);
      return rng.uuidV7(new Date(shape.anchor.getTime() - (800 - k) * DAY_MS));
    });
    const weights: [string, number][] = provinces.map((p) => [p.code, 2 + SPECIALTIES.filter((s) => s.provinces.includes(p.code)).length]);
    const sellers: Seller[] = [];
    const specialties: Produce[][] = [];
    for (let i = 0; i < shape.sellers; i++) {
      const rng = new SeedRandom(shape.seed, STREAM.seller, i);
      // The first 34 sellers cover every province once; the rest follow the specialties.
      const province = i < provinces.length ? provinces[i] : this.provinceByCode.get(rng.weighted(weights))!;
      const local = SPECIALTIES.filter((s) => s.provinces.includes(province.code));
      const mine = local.length ? Array.from({ length: rng.int(1, Math.min(3, local.length)) }, () => rng.pick(local)) : [];
      specialties.push([...new Set(mine)]);
      sellers.push(this.seller(rng, province, mine));
    }
    this.sellers = sellers;
    this.specialtiesBySeller = specialties;
    this.sellerCumulative = new Float64Array(sellers.length);
    let total = 0;
    sellers.forEach((s, i) => (this.sellerCumulative[i] = total += LISTING_WEIGHT[s.kind]));
  }

  private seller(rng: SeedRandom, province: Province, specialties: readonly Produce[]): Seller {
    const wards = wardsOf(province.code);
    const ward = rng.pick(wards);
    const kind = rng.weighted(KIND_WEIGHTS);
    const createdAt = new Date(this.shape.anchor.getTime() - rng.int(30, 720) * DAY_MS - rng.int(0, DAY_MS - 1));
    const phone = normalizeVietnamesePhone(`0${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`);
    if (!phone.ok) throw new Error(`generated an invalid phone number: ${phone.message}`);
    return Object.assign(new Seller(), {
      id: rng.uuidV7(createdAt),
      partnerId: rng.pick(this.partnerIds),
      name: this.sellerName(rng, kind, ward, specialties),
      kind,
      phone: phone.e164,
      provinceCode: province.code,
      wardCode: ward.code,
      addressLine: `${rng.pick(hamletKinds(ward))} ${rng.chance(0.5) ? rng.pick(HAMLET_NAMES) : rng.int(1, 15)}`,
      legacyAddress: null,
      status: 'active' as const,
      createdAt,
      updatedAt: createdAt,
    });
  }

  private sellerName(rng: SeedRandom, kind: SellerKind, ward: Ward, specialties: readonly Produce[]): string {
    switch (kind) {
      case 'household': {
        const sex = rng.chance(0.5) ? 'male' : 'female';
        const family = rng.weighted(FAMILY_NAMES);
        const given = rng.pick(GIVEN_NAMES[sex]);
        return rng.chance(0.7)
          ? `Hộ ${sex === 'male' ? 'ông' : 'bà'} ${family} ${rng.pick(MIDDLE_NAMES[sex])} ${given}`
          : `Nhà vườn ${sex === 'male' ? 'anh' : 'chị'} ${given} ${ward.shortName}`;
      }
      case 'cooperative': {
        const specialty = specialties.length && rng.chance(0.5) ? rng.pick(specialties).name : undefined;
        return specialty ? `Hợp tác xã ${specialty}` : `HTX ${rng.pick(COOP_FOCUS)} ${ward.shortName}`;
      }
      case 'enterprise':
        return `${rng.pick(ENTERPRISE_FORMS)} ${rng.pick(ENTERPRISE_FOCUS)} ${rng.pick(BRAND_WORDS)}`;
    }
  }

  /** Product `index` (0-based): the same for the same seed and seller count, whatever the product count. */
  product(index: number): { product: Product; seller: Seller } {
    const rng = new SeedRandom(this.shape.seed, STREAM.product, index);
    const sellerIndex = this.pickSeller(rng.next());
    const seller = this.sellers[sellerIndex];
    const own = this.specialtiesBySeller[sellerIndex];
    const produce = own.length && rng.chance(0.7) ? rng.pick(own) : rng.pick(STAPLES);
    const pack = rng.pick<Pack>(PACKS[produce.pack]);
    const grade = rng.pick(GRADES);
    const base = produce.price[0] + rng.next() * (produce.price[1] - produce.price[0]);
    const priceVnd = Math.max(1000, Math.round((base * pack.qty) / 1000) * 1000);
    const createdAt = new Date(seller.createdAt.getTime() + rng.next() * (this.shape.anchor.getTime() - seller.createdAt.getTime()));
    const id = rng.uuidV7(createdAt);
    const ward = rng.chance(0.8) ? seller.wardCode : rng.pick(wardsOf(seller.provinceCode)).code;
    const wardName = findWard(ward)!.name;
    const province = this.provinceByCode.get(seller.provinceCode)!;
    const status = rng.weighted(STATUS_WEIGHTS);
    const isSpecialty = own.includes(produce);
    const ocop = isSpecialty && rng.chance(0.25) ? this.ocop(rng, seller.provinceCode) : null;
    const certifications = rng.chance(isSpecialty ? 0.3 : 0.15) ? this.certifications(rng) : [];
    const description = [
      `${produce.name} ${grade}, ${pack.label}.`,
      produce.story,
      `Thu hoạch và đóng gói tại ${wardName}, ${province.name}.`,
      rng.chance(0.4) ? 'Giao hàng toàn quốc qua bưu điện, thu tiền khi nhận hàng.' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const product = Object.assign(new Product(), {
      id,
      sellerId: seller.id,
      partnerId: seller.partnerId,
      name: `${produce.name} ${grade} (${pack.label})`.normalize('NFC'),
      description: description.normalize('NFC'),
      categoryId: produce.categoryId,
      unit: pack.unit,
      priceVnd,
      stock: rng.chance(0.05) ? 0 : rng.int(1, 2000),
      weightGrams: pack.grams,
      ocopStars: ocop?.stars ?? null,
      ocopCertificateNo: ocop?.certificateNo ?? null,
      ocopValidUntil: ocop?.validUntil ?? null,
      certifications,
      originProvinceCode: seller.provinceCode,
      images: Array.from({ length: rng.int(1, 4) }, (_, k) => `https://images.nongsan.example/products/${id}/${k + 1}.jpg`),
      lotId: null,
      status,
      suspended: false,
      // As ProductsService.create: published when it is created visible.
      publishedAt: status === 'active' ? createdAt : null,
      createdAt,
      updatedAt: createdAt,
    });
    return { product, seller };
  }

  private pickSeller(r: number): number {
    const target = r * this.sellerCumulative[this.sellerCumulative.length - 1];
    let lo = 0;
    let hi = this.sellerCumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sellerCumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** OCOP certificates are valid 36 months; ratings from 2021–2022 have expired and are not shown. */
  private ocop(rng: SeedRandom, provinceCode: string): { stars: number; certificateNo: string; validUntil: string } {
    const stars = rng.weighted([
      [3, 55],
      [4, 38],
      [5, 7],
    ] as const);
    const year = rng.int(2021, 2026);
    const recognised = new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28)));
    return {
      stars,
      certificateNo: `OCOP-${provinceCode}-${year}-${String(rng.int(1, 9999)).padStart(4, '0')}`,
      validUntil: vietnamDate(new Date(recognised.getTime() + 3 * 365 * DAY_MS)),
    };
  }

  private certifications(rng: SeedRandom): Certification[] {
    const schemes = new Set<CertificationScheme>([rng.weighted(CERT_WEIGHTS)]);
    if (rng.chance(0.15)) schemes.add(rng.weighted(CERT_WEIGHTS));
    return [...schemes].map((scheme) => {
      const from = new Date(this.shape.anchor.getTime() - rng.int(30, 1100) * DAY_MS);
      const years = scheme === 'VietGAP' ? 3 : 2;
      return {
        scheme,
        certificateNo: `${scheme === 'other' ? 'CN' : scheme.toUpperCase()}-${String(rng.int(1, 99999)).padStart(5, '0')}`,
        issuer: CERT_ISSUERS[scheme],
        validFrom: vietnamDate(from),
        validUntil: vietnamDate(new Date(from.getTime() + years * 365 * DAY_MS)),
      };
    });
  }
}
