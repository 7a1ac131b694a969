import { findProvince, findWard, type SellerView } from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import type { Seller } from './seller.entity';

export function sellerView(s: Seller): SellerView {
  return {
    id: s.id,
    partnerId: s.partnerId,
    name: s.name,
    kind: s.kind,
    phone: s.phone,
    address: {
      provinceCode: s.provinceCode,
      provinceName: findProvince(s.provinceCode)?.name ?? s.provinceCode,
      wardCode: s.wardCode,
      wardName: findWard(s.wardCode)?.name ?? s.wardCode,
      line: s.addressLine,
      ...(s.legacyAddress ? { legacy: s.legacyAddress } : {}),
    },
    status: s.status,
    orderAcceptance: s.orderAcceptance,
    createdAt: toVietnamIso(s.createdAt),
  };
}
