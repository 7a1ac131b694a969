import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallerIdentity, ProductSort, SearchProductsRequest } from '@app/contracts';
import { decodeCursor } from '@app/persistence';
import { Product } from './product.entity';

export interface SearchHit {
  product: Product;
  sellerName: string;
  score: number;
}

/**
 * Below this word similarity a product does not match. 0.6 (pg_trgm's default) misses one-letter
 * typos in short words ("vai thiue"); 0.45 keeps them while leaving unrelated words out.
 */
const SIMILARITY_THRESHOLD = 0.45;

type Cursor = { s?: number; p?: number; id: string };

/** Catalog search on PostgreSQL: unaccent folding, pg_trgm word similarity, keyset pages. */
@Injectable()
export class ProductSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(caller: CallerIdentity, r: SearchProductsRequest & { expandedQuery?: string }, sort: ProductSort): Promise<SearchHit[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (caller.role === 'partner') where.push(`pr.partner_id = ${p(caller.partnerId)}`);
    else if (caller.role !== 'admin') where.push(`pr.status = 'active' AND NOT pr.suspended AND s.status = 'active'`);
    if (r.provinceCode) where.push(`pr.origin_province_code = ${p(r.provinceCode)}`);
    if (r.categoryId)
      where.push(
        `(pr.category_id = ${p(r.categoryId)} OR pr.category_id IN (SELECT id FROM categories WHERE parent_id = $${params.length}))`,
      );
    if (r.ocopStars !== undefined)
      where.push(`pr.ocop_stars >= ${p(r.ocopStars)} AND pr.ocop_valid_until >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`);
    if (r.sellerId) where.push(`pr.seller_id::text = ${p(r.sellerId)}`);
    if (r.minPriceVnd !== undefined) where.push(`pr.price_vnd >= ${p(r.minPriceVnd)}`);
    if (r.maxPriceVnd !== undefined) where.push(`pr.price_vnd <= ${p(r.maxPriceVnd)}`);
    let score = '0::float8';
    const query = r.expandedQuery?.trim();
    if (query) {
      const q = p(query);
      score = `word_similarity(lower(f_unaccent(${q})), pr.search_doc)`;
      where.push(`lower(f_unaccent(${q})) <% pr.search_doc`);
    }
    const cursor = decodeCursor<Cursor>(r.cursor, ['id']);
    let order: string;
    switch (sort) {
      case 'relevance':
        order = `score DESC, pr.id`;
        if (cursor) where.push(`(${score} < ${p(cursor.s ?? 0)} OR (${score} = $${params.length} AND pr.id > ${p(cursor.id)}))`);
        break;
      case 'price_asc':
        order = `pr.price_vnd ASC, pr.id`;
        if (cursor) where.push(`(pr.price_vnd, pr.id) > (${p(cursor.p ?? 0)}, ${p(cursor.id)})`);
        break;
      case 'price_desc':
        order = `pr.price_vnd DESC, pr.id`;
        if (cursor) where.push(`(pr.price_vnd < ${p(cursor.p ?? 0)} OR (pr.price_vnd = $${params.length} AND pr.id > ${p(cursor.id)}))`);
        break;
      case 'newest':
        // UUID v7 ids are ordered by creation time.
        order = `pr.id DESC`;
        if (cursor) where.push(`pr.id < ${p(cursor.id)}`);
        break;
    }
    const sql = `
      SELECT pr.*, pr.ocop_valid_until::text AS ocop_until, s.name AS seller_name, ${score} AS score
        FROM products pr JOIN sellers s ON s.id = pr.seller_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order}
       LIMIT ${p(r.limit + 1)}`;
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${SIMILARITY_THRESHOLD}`);
      const rows = await manager.query<Record<string, unknown>[]>(sql, params);
      return rows.map((row) => ({
        product: manager.getRepository(Product).create(this.toEntityShape(row)),
        sellerName: row.seller_name as string,
        score: Number(row.score),
      }));
    });
  }

  private toEntityShape(row: Record<string, unknown>): Partial<Product> {
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
      status: row.status as Product['status'],
      suspended: row.suspended as boolean,
      publishedAt: row.published_at as Date | null,
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
    };
  }
}
