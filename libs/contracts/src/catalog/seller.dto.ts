import type { OrderAcceptance } from '../orders/orders.events';

/** Who sells: a farm household, a cooperative (HTX) or an enterprise. */
export const SellerKinds = ['household', 'cooperative', 'enterprise'] as const;
export type SellerKind = (typeof SellerKinds)[number];

/** A pre-2025 three-level address as partner apps still send it: kept as given. */
export interface LegacyAddress {
  provinceCode?: string;
  districtCode?: string;
  wardCode?: string;
  provinceName?: string;
  districtName?: string;
  wardName?: string;
}

/** A 2025 two-level address: province and ward (commune) codes, plus the street/hamlet line. */
export interface Address {
  provinceCode: string;
  wardCode?: string;
  line?: string;
  /** The three-level address the caller sent, kept alongside (its codes are pre-2025). */
  legacy?: LegacyAddress;
}

export interface RegisterSellerRequest {
  name: string;
  kind: SellerKind;
  phone: string;
  address: Address & { wardCode: string; line: string };
  /** Default `manual`: the seller accepts or declines each order within the deadline. */
  orderAcceptance?: OrderAcceptance;
}

/** `PATCH /v1/sellers/{id}`: what a partner may change of its seller. */
export interface UpdateSellerRequest {
  id: string;
  orderAcceptance?: OrderAcceptance;
  phone?: string;
  /** The pickup address carriers come to. */
  address?: Address & { wardCode: string; line: string };
}

export interface SellerView {
  id: string;
  partnerId: string;
  name: string;
  kind: SellerKind;
  /** E.164 (`+84…`). */
  phone: string;
  address: { provinceCode: string; provinceName: string; wardCode: string; wardName: string; line: string; legacy?: LegacyAddress };
  status: 'active' | 'suspended';
  orderAcceptance: OrderAcceptance;
  createdAt: string;
}
