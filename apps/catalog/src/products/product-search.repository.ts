import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallerIdentity, ProductSort, SearchProductsRequest } from '@app/contracts';
import { Product } from './product.entity';
import { MAX_QUERY_WORDS, type QueryWord } from './product-search.query';
import { PRODUCT_COLUMNS, productShape } from './product-row';

export interface SearchHit {
  product: Product;
  sellerName: string;
  score: number;
}

/** Where a page starts: after the last row of the previous one, in the sort's order (`r`: relaxed query). */
export type SearchCursor = { s?: number; p?: number; id: string; r?: number };

/**
 * ts_rank_cd weights for D (description), C (seller name), B (category), A (product name): a
 * name match outranks a category match, which outranks a seller-name or description match.
 */
const RANK_WEIGHTS = '{0.05,0.1,0.4,1.0}';

/**
 * Corrections tried for a query word not in the vocabulary: the closest vocabulary words at or
 * above pg_trgm's similarity threshold (`%`, 0.3 by default).
 */
const NEAR_WORDS = 3;

/** Catalog search on PostgreSQL: unaccent folding, weighted full-text search, pg_trgm typo correction, keyset pages. */
@Injectable()
export class ProductSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Each text's words as the text-search parser splits the folded text (the same way the
   * documents were split), each with its nearest vocabulary words when it is not itself a known
   * word of three letters or more: the pg_trgm spelling-suggestion pattern on `search_terms`.
   * Keyed by the text's index in `texts`.
   */
  async queryWords(texts: readonly string[]): Promise<Map<number, QueryWord[]>> {
    const byText = new Map<number, QueryWord[]>();
    if (texts.length === 0) return byText;
    const rows = await this.dataSource.query<(QueryWord & { pos: number })[]>(
      `SELECT u.pos::int - 1 AS pos, t.token AS word,
              CASE WHEN length(t.token) < 3 OR EXISTS (SELECT 1 FROM search_terms st WHERE st.term = t.token) THEN '{}'::text[]
                   ELSE ARRAY(SELECT st.term FROM search_terms st WHERE st.term % t.token
                               ORDER BY similarity(st.term, t.token) DESC, st.term LIMIT ${NEAR_WORDS})
              END AS near
         FROM unnest($1::text[]) WITH ORDINALITY AS u(txt, pos),
              ts_parse('default', lower(f_unaccent(u.txt))) WITH ORDINALITY AS t(tokid, token, ord)
        WHERE EXISTS (SELECT 1 FROM pg_ts_config_map m WHERE m.mapcfg = 'simple'::regconfig AND m.maptokentype = t.tokid)
        ORDER BY u.pos, t.ord
        LIMIT ${MAX_QUERY_WORDS * 2}`,
      [texts],
    );
    for (const { pos, word, near } of rows) byText.set(pos, [...(byText.get(pos) ?? []), { word, near }]);
    return byText;
  }

  /**
   * One page (plus one row, to tell whether there is more). `tsquery` null: no text condition;
   * otherwise only documents matching it, scored by ts_rank_cd with the field weights.
   */
  async search(
    caller: CallerIdentity,
    r: SearchProductsRequest,
    sort: ProductSort,
    tsquery: string | null,
    cursor: SearchCursor | undefined,
  ): Promise<SearchHit[]> {
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
    let score = '0::real';
    if (tsquery !== null) {
      const q = p(tsquery);
      score = `ts_rank_cd('${RANK_WEIGHTS}', pr.search_tsv, ${q}::tsquery)`;
      where.push(`pr.search_tsv @@ ${q}::tsquery`);
    }
    // The relevance keyset condition is on the computed score, so it goes around the inner query.
    const after: string[] = [];
    let order: (t: string) => string; // the ORDER BY, its columns prefixed with t
    switch (sort) {
      case 'relevance':
        order = (t) => `${t}score DESC, ${t}id`;
        if (cursor) after.push(`(score < ${p(cursor.s ?? 0)}::real OR (score = $${params.length}::real AND id > ${p(cursor.id)}::uuid))`);
        break;
      case 'price_asc':
        order = (t) => `${t}price_vnd ASC, ${t}id`;
        if (cursor) where.push(`(pr.price_vnd, pr.id) > (${p(cursor.p ?? 0)}, ${p(cursor.id)}::uuid)`);
        break;
      case 'price_desc':
        order = (t) => `${t}price_vnd DESC, ${t}id`;
        if (cursor)
          where.push(`(pr.price_vnd < ${p(cursor.p ?? 0)} OR (pr.price_vnd = $${params.length} AND pr.id > ${p(cursor.id)}::uuid))`);
        break;
      case 'newest':
        // UUID v7 ids are ordered by creation time.
        order = (t) => `${t}id DESC`;
        if (cursor) where.push(`pr.id < ${p(cursor.id)}::uuid`);
        break;
    }
    // Rank and order narrow rows (id, price, score) first, then fetch the page's full rows: sorting
    // thousands of matches of a broad query with their descriptions and JSON costs several times more.
    const sql = `
      WITH page AS (
        SELECT * FROM (
          SELECT pr.id, pr.price_vnd, ${score} AS score
            FROM products pr JOIN sellers s ON s.id = pr.seller_id
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ) hit
         ${after.length ? `WHERE ${after.join(' AND ')}` : ''}
         ORDER BY ${order('')}
         LIMIT ${p(r.limit + 1)}
      )
      SELECT ${PRODUCT_COLUMNS}, pr.ocop_valid_until::text AS ocop_until, s.name AS seller_name, page.score,
             coalesce(pr.trace_code, ltc.trace_code) AS lot_trace_code
        FROM page JOIN products pr ON pr.id = page.id JOIN sellers s ON s.id = pr.seller_id
        LEFT JOIN lot_trace_codes ltc ON ltc.lot_id = pr.lot_id
       ORDER BY ${order('page.')}`;
    const rows = await this.dataSource.query<Record<string, unknown>[]>(sql, params);
    const products = this.dataSource.getRepository(Product);
    return rows.map((row) => ({
      product: products.create(productShape(row)),
      sellerName: row.seller_name as string,
      score: Number(row.score),
    }));
  }
}
