import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storefront listings sorted by price (`price_asc`, `price_desc`) over a broad filter — a whole
 * category tree, a price band — walk the visible products in price order and stop after a page,
 * instead of sorting every match: on 100,000 products, "trái cây" by price went from 74 ms (a
 * parallel scan of the table on both cores) to 3 ms (ADR 0031).
 */
export class VisiblePriceIndex1764900000000 implements MigrationInterface {
  name = 'VisiblePriceIndex1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX products_visible_price_idx ON products (price_vnd, id) WHERE status = 'active' AND NOT suspended`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX products_visible_price_idx`);
  }
}
