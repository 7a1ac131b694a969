import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search replaces trigram similarity on the whole product text (ADR 0031).
 *
 * `search_tsv` holds the product's words folded by `unaccent` and lower-cased, weighted by where
 * they come from: name A, category names B, seller name C, description D, so ranking can put a
 * name match above a seller-name or description match; a GIN index answers `@@`. `search_terms`
 * is the vocabulary of product-name and category words (plain `[a-z0-9]` words), with a trigram
 * index, so a misspelt query word can be replaced by its nearest real words before the full-text
 * query runs. The trigger keeps both; the existing rows are backfilled here.
 */
export class ProductSearchTsvector1763950000000 implements MigrationInterface {
  name = 'ProductSearchTsvector1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE search_terms (term text PRIMARY KEY)`);
    await q.query(`CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops)`);
    // The category text (its names and its parent's, Vietnamese and English) and the weighted
    // document, as functions so the trigger and the backfill below cannot disagree.
    await q.query(`
      CREATE FUNCTION products_search_category_text(category_id text) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE
      AS $$
        SELECT lower(f_unaccent(concat_ws(' ', c.name_vi, c.name_en, p.name_vi, p.name_en)))
          FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
         WHERE c.id = category_id
      $$`);
    await q.query(`
      CREATE FUNCTION products_search_tsv(name text, description text, category_text text, seller_name text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT setweight(to_tsvector('simple', lower(f_unaccent(coalesce(name, '')))), 'A')
            || setweight(to_tsvector('simple', coalesce(category_text, '')), 'B')
            || setweight(to_tsvector('simple', lower(f_unaccent(coalesce(seller_name, '')))), 'C')
            || setweight(to_tsvector('simple', lower(f_unaccent(coalesce(description, '')))), 'D')
      $$`);
    await q.query(`
      CREATE FUNCTION products_search_terms(doc tsvector) RETURNS SETOF text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$
        SELECT t FROM unnest(tsvector_to_array(ts_filter(doc, '{a,b}'))) AS t WHERE t ~ '^[a-z0-9]{2,}$'
      $$`);
    await q.query(`ALTER TABLE products ADD COLUMN search_tsv tsvector`);
    // Replacing the function keeps the trigger (and when it fires) as it was.
    await q.query(`
      CREATE OR REPLACE FUNCTION products_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_tsv := products_search_tsv(NEW.name, NEW.description, products_search_category_text(NEW.category_id),
                                              (SELECT s.name FROM sellers s WHERE s.id = NEW.seller_id));
        INSERT INTO search_terms (term)
          SELECT t FROM products_search_terms(NEW.search_tsv) AS t
           WHERE NOT EXISTS (SELECT 1 FROM search_terms st WHERE st.term = t)
          ON CONFLICT DO NOTHING;
        RETURN NEW;
      END $$`);
    await q.query(`
      UPDATE products pr
         SET search_tsv = products_search_tsv(pr.name, pr.description, products_search_category_text(pr.category_id), s.name)
        FROM sellers s
       WHERE s.id = pr.seller_id`);
    await q.query(`UPDATE products SET search_tsv = products_search_tsv(name, description, products_search_category_text(category_id), NULL)
                    WHERE search_tsv IS NULL`);
    await q.query(`ALTER TABLE products ALTER COLUMN search_tsv SET NOT NULL`);
    await q.query(`
      INSERT INTO search_terms (term)
      SELECT DISTINCT t FROM products, products_search_terms(search_tsv) AS t
      ON CONFLICT DO NOTHING`);
    await q.query(`DROP INDEX products_search_trgm_idx`);
    await q.query(`ALTER TABLE products DROP COLUMN search_doc`);
    await q.query(`CREATE INDEX products_search_tsv_idx ON products USING gin (search_tsv)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products ADD COLUMN search_doc text NOT NULL DEFAULT ''`);
    await q.query(`
      CREATE OR REPLACE FUNCTION products_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_doc := lower(f_unaccent(concat_ws(' ',
          NEW.name,
          NEW.description,
          (SELECT c.name_vi || ' ' || c.name_en FROM categories c WHERE c.id = NEW.category_id),
          (SELECT p.name_vi || ' ' || p.name_en FROM categories c JOIN categories p ON p.id = c.parent_id WHERE c.id = NEW.category_id),
          (SELECT s.name FROM sellers s WHERE s.id = NEW.seller_id))));
        RETURN NEW;
      END $$`);
    // Fires the restored trigger on every row, which refills search_doc.
    await q.query(`UPDATE products SET name = name`);
    await q.query(`CREATE INDEX products_search_trgm_idx ON products USING gin (search_doc gin_trgm_ops)`);
    await q.query(`DROP INDEX products_search_tsv_idx`);
    await q.query(`ALTER TABLE products DROP COLUMN search_tsv`);
    await q.query(`DROP FUNCTION products_search_terms(tsvector)`);
    await q.query(`DROP FUNCTION products_search_tsv(text, text, text, text)`);
    await q.query(`DROP FUNCTION products_search_category_text(text)`);
    await q.query(`DROP TABLE search_terms`);
  }
}
