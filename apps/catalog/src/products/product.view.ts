import type { ProductSnapshot, ProductView } from '@app/contracts';
import { toVietnamIso, vietnamDate } from '@app/platform';
import type { Seller } from '../sellers/seller.entity';
import type { Product } from './product.entity';

/** Storefronts may sell it: active, not suspended by an operator, seller not suspended. */
export function isVisible(p: Product, seller: Pick<Seller, 'status'>): boolean {
  return p.status === 'active' && !p.suspended && seller.status === 'active';
}

/** The product as callers see it; OCOP and certification claims past their validity are not shown. */
export function productView(p: Product, seller: Pick<Seller, 'name'>, today: string = vietnamDate()): ProductView {
  const ocopValid = p.ocopStars !== null && p.ocopValidUntil !== null && p.ocopValidUntil >= today;
  return {
    id: p.id,
    sellerId: p.sellerId,
    sellerName: seller.name,
    name: p.name,
    description: p.description,
    categoryId: p.categoryId,
    unit: p.unit,
    priceVnd: p.priceVnd,
    stock: p.stock,
    weightGrams: p.weightGrams,
    ocopStars: ocopValid ? p.ocopStars : null,
    ocop: ocopValid
      ? { stars: p.ocopStars as 1 | 2 | 3 | 4 | 5, certificateNo: p.ocopCertificateNo ?? '', validUntil: p.ocopValidUntil! }
      : null,
    certifications: p.certifications.filter((c) => c.validUntil >= today && (!c.validFrom || c.validFrom <= today)),
    originProvinceCode: p.originProvinceCode,
    images: p.images,
    lotId: p.lotId,
    traceCode: p.traceCode ?? null,
    status: p.status,
    suspended: p.suspended,
    createdAt: toVietnamIso(p.createdAt),
    updatedAt: toVietnamIso(p.updatedAt),
  };
}

export function productSnapshot(p: Product, seller: Seller): ProductSnapshot {
  return {
    ...productView(p, seller),
    visible: isVisible(p, seller),
    seller: {
      id: seller.id,
      partnerId: seller.partnerId,
      name: seller.name,
      phone: seller.phone,
      provinceCode: seller.provinceCode,
      wardCode: seller.wardCode,
      line: seller.addressLine,
      orderAcceptance: seller.orderAcceptance,
    },
  };
}
