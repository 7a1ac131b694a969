import type { DataSource, EntityManager } from 'typeorm';
import type { Product } from '../products/product.entity';
import type { Seller } from '../sellers/seller.entity';

/**
 * Bulk writes for the seed: one INSERT … SELECT FROM unnest(arrays) per batch (a handful of bind
 * parameters however many rows, one plan), so the per-row cost is PostgreSQL's own: the search_doc
 * trigger and the index updates. Rows whose id exists are skipped; the ids actually inserted come
 * back, so the caller writes events for those only.
 */
export class SeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  async categoryIds(): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ id: string }[]>('SELECT id FROM categories');
    return new Set(rows.map((r) => r.id));
  }

  async insertSellers(manager: EntityManager, sellers: readonly Seller[]): Promise<Set<string>> {
    if (sellers.length === 0) return new Set();
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO sellers (id, partner_id, name, kind, phone, province_code, ward_code, address_line, status, created_at, updated_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                            $9::text[], $10::timestamptz[], $11::timestamptz[])
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        sellers.map((s) => s.id),
        sellers.map((s) => s.partnerId),
        sellers.map((s) => s.name),
        sellers.map((s) => s.kind),
        sellers.map((s) => s.phone),
        sellers.map((s) => s.provinceCode),
        sellers.map((s) => s.wardCode),
        sellers.map((s) => s.addressLine),
        sellers.map((s) => s.status),
        sellers.map((s) => s.createdAt.toISOString()),
        sellers.map((s) => s.updatedAt.toISOString()),
      ],
    );
    return new Set(rows.map((r) => r.id));
  }

  async insertProducts(manager: EntityManager, products: readonly Product[]): Promise<Set<string>> {
    if (products.length === 0) return new Set();
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO products (id, seller_id, partner_id, name, description, category_id, unit, price_vnd, stock, weight_grams,
                             ocop_stars, ocop_certificate_no, ocop_valid_until, certifications, origin_province_code, images,
                             lot_id, status, suspended, published_at, created_at, updated_at)
       SELECT u.id, u.seller_id, u.partner_id, u.name, u.description, u.category_id, u.unit, u.price_vnd, u.stock, u.weight_grams,
              u.ocop_stars, u.ocop_certificate_no, u.ocop_valid_until, u.certifications, u.origin_province_code,
              ARRAY(SELECT jsonb_array_elements_text(u.images)), u.lot_id, u.status, u.suspended, u.published_at,
              u.created_at, u.updated_at
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::int[],
                     $10::int[], $11::smallint[], $12::text[], $13::date[], $14::jsonb[], $15::text[], $16::jsonb[], $17::text[],
                     $18::text[], $19::boolean[], $20::timestamptz[], $21::timestamptz[], $22::timestamptz[])
           AS u(id, seller_id, partner_id, name, description, category_id, unit, price_vnd, stock, weight_grams, ocop_stars,
                ocop_certificate_no, ocop_valid_until, certifications, origin_province_code, images, lot_id, status, suspended,
                published_at, created_at, updated_at)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        products.map((p) => p.id),
        products.map((p) => p.sellerId),
        products.map((p) => p.partnerId),
        products.map((p) => p.name),
        products.map((p) => p.description),
        products.map((p) => p.categoryId),
        products.map((p) => p.unit),
        products.map((p) => String(p.priceVnd)),
        products.map((p) => p.stock),
        products.map((p) => p.weightGrams),
        products.map((p) => p.ocopStars),
        products.map((p) => p.ocopCertificateNo),
        products.map((p) => p.ocopValidUntil),
        products.map((p) => JSON.stringify(p.certifications)),
        products.map((p) => p.originProvinceCode),
        products.map((p) => JSON.stringify(p.images)),
        products.map((p) => p.lotId),
        products.map((p) => p.status),
        products.map((p) => p.suspended),
        products.map((p) => p.publishedAt?.toISOString() ?? null),
        products.map((p) => p.createdAt.toISOString()),
        products.map((p) => p.updatedAt.toISOString()),
      ],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * After a bulk load: VACUUM merges the trigram index's pending list (searches would otherwise
   * scan it) and sets the visibility map; ANALYZE gives the planner the new row counts.
   */
  async vacuumAnalyze(): Promise<void> {
    await this.dataSource.query('VACUUM (ANALYZE) sellers');
    await this.dataSource.query('VACUUM (ANALYZE) products');
  }
}
