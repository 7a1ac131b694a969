export const ProductStatuses = ['draft', 'active', 'paused'] as const;
export type ProductStatus = (typeof ProductStatuses)[number];

export const CertificationSchemes = ['VietGAP', 'GlobalGAP', 'organic', 'HACCP', 'ISO22000', 'other'] as const;
export type CertificationScheme = (typeof CertificationSchemes)[number];

export interface Certification {
  scheme: CertificationScheme;
  certificateNo: string;
  issuer?: string;
  /** ISO date (YYYY-MM-DD). */
  validFrom?: string;
  validUntil: string;
}

export interface OcopRating {
  stars: 1 | 2 | 3 | 4 | 5;
  certificateNo: string;
  /** ISO date (YYYY-MM-DD). */
  validUntil: string;
}

export interface CreateProductRequest {
  sellerId: string;
  name: string;
  description?: string;
  categoryId: string;
  /** Selling unit: kg, bó, hộp, chai, túi, … */
  unit: string;
  priceVnd: number;
  stock: number;
  weightGrams: number;
  /** OCOP rating; with it, `ocopCertificateNo` and `ocopValidUntil` (YYYY-MM-DD) are required. */
  ocopStars?: number;
  ocopCertificateNo?: string;
  ocopValidUntil?: string;
  certifications?: Certification[];
  originProvinceCode?: string;
  images?: string[];
  lotId?: string;
  status?: ProductStatus;
}

export interface UpdateProductRequest {
  id: string;
  priceVnd?: number;
  stock?: number;
  description?: string;
  status?: ProductStatus;
}

export interface ProductView {
  id: string;
  sellerId: string;
  sellerName: string;
  name: string;
  description: string;
  categoryId: string;
  unit: string;
  priceVnd: number;
  stock: number;
  weightGrams: number;
  /** Shown only while the rating is valid (null otherwise). */
  ocopStars: number | null;
  ocop: OcopRating | null;
  /** Only claims still valid today. */
  certifications: Certification[];
  originProvinceCode: string;
  images: string[];
  lotId: string | null;
  /** The linked lot's trace code (its public page is `/t/{traceCode}`), once known. */
  traceCode: string | null;
  status: ProductStatus;
  suspended: boolean;
  createdAt: string;
  updatedAt: string;
}

export const ProductSorts = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type ProductSort = (typeof ProductSorts)[number];

export interface SearchProductsRequest {
  q?: string;
  provinceCode?: string;
  categoryId?: string;
  ocopStars?: number;
  sellerId?: string;
  minPriceVnd?: number;
  maxPriceVnd?: number;
  sort?: ProductSort;
  limit: number;
  cursor?: string;
}
