import type { Product } from './product.entity';

/**
 * Reads that select product rows with SQL of their own (search, product by id) map them here:
 * the statement selects {@link PRODUCT_COLUMNS} of `products pr`, plus `ocop_until`
 * (`ocop_valid_until::text`) and `lot_trace_code` (the row's trace code, else the lot's).
 * The columns, prefixed `pr.`: everything but the search document and the creation key.
 */
export const PRODUCT_COLUMNS = [
  'id',
  'seller_id',
  'partner_id',
  'name',
  'description',
  'category_id',
  'unit',
  'price_vnd',
  'stock',
  'weight_grams',
  'ocop_stars',
  'ocop_certificate_no',
  'certifications',
  'origin_province_code',
  'images',
  'lot_id',
  'status',
  'suspended',
  'published_at',
  'created_at',
  'updated_at',
]
  .map((c) => `pr.${c}`)
  .join(', ');

/** The entity fields of a row selected as described above. */
export function productShape(row: Record<string, unknown>): Partial<Product> {
  return {
    id: row.id as string,
    sellerId: row.seller_id as string,
    partnerId: row.partner_id as string,
    name: row.name as string,
    description: row.description as string,
    categoryId: row.category_id as string,
    unit: row.unit as string,
    priceVnd: Number(row.price_vnd),
    stock: row.stock as number,
    weightGrams: row.weight_grams as number,
    ocopStars: row.ocop_stars as number | null,
    ocopCertificateNo: row.ocop_certificate_no as string | null,
    ocopValidUntil: row.ocop_until as string | null,
    certifications: row.certifications as Product['certifications'],
    originProvinceCode: row.origin_province_code as string,
    images: row.images as string[],
    lotId: row.lot_id as string | null,
    traceCode: (row.lot_trace_code as string | null) ?? null,
    status: row.status as Product['status'],
    suspended: row.suspended as boolean,
    publishedAt: row.published_at as Date | null,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
