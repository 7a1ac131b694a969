import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search document also holds the product's origin province as one lexeme, `province:<code>`
 * (weight C, beside the seller's name), so a query naming a place — "Sài Gòn", "TP.HCM", an old
 * province merged in 2025 — finds the products from there whatever their text says (ADR 0055).
 * The lexeme cannot come from a buyer's words (the query parser splits at the colon) and stays out
 * of the typo vocabulary (which takes weights A and B only). The trigger also fires when the
 * origin changes; existing rows are rewritten here.
 */
export class ProductSearchProvince1765500000000 implements MigrationInterface {
  name = 'ProductSearchProvince1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION products_search_tsv(name text, description text, category_text text, seller_name text, province_code text)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT products_search_tsv(name, description, category_text, seller_name)
            || setweight(format('%s:1', quote_literal('province:' || province_code))::tsvector, 'C')
      $$`);
    await this.useDocument(q, 'NEW.origin_province_code', 'name, description, category_id, origin_province_code');
    await q.query(`
      UPDATE products pr
         SET search_tsv = products_search_tsv(pr.name, pr.description, products_search_category_text(pr.category_id), s.name,
                                              pr.origin_province_code)
        FROM sellers s
       WHERE s.id = pr.seller_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.useDocument(q, null, 'name, description, category_id');
    await q.query(`
      UPDATE products pr
         SET search_tsv = products_search_tsv(pr.name, pr.description, products_search_category_text(pr.category_id), s.name)
        FROM sellers s
       WHERE s.id = pr.seller_id`);
    await q.query(`DROP FUNCTION products_search_tsv(text, text, text, text, text)`);
  }

  /** The trigger function (same vocabulary upkeep as before) and the columns that fire it. */
  private async useDocument(q: QueryRunner, province: string | null, columns: string): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION products_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_tsv := products_search_tsv(NEW.name, NEW.description, products_search_category_text(NEW.category_id),
                                              (SELECT s.name FROM sellers s WHERE s.id = NEW.seller_id)${province ? `, ${province}` : ''});
        INSERT INTO search_terms (term)
          SELECT t FROM products_search_terms(NEW.search_tsv) AS t
           WHERE NOT EXISTS (SELECT 1 FROM search_terms st WHERE st.term = t)
          ON CONFLICT DO NOTHING;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER products_search_doc ON products`);
    await q.query(`
      CREATE TRIGGER products_search_doc BEFORE INSERT OR UPDATE OF ${columns} ON products
      FOR EACH ROW EXECUTE FUNCTION products_search_doc()`);
  }
}
