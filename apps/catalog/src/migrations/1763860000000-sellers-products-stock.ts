import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sellers, products, stock reservations, and Vietnamese search: `search_doc` is the product's
 * text (name, description, category names, seller name) lower-cased and stripped of diacritics by
 * PostgreSQL's `unaccent`, kept by a trigger and indexed with `pg_trgm` for fuzzy matching.
 */
export class SellersProductsStock1763860000000 implements MigrationInterface {
  name = 'SellersProductsStock1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes it
    // safe to use in triggers and indexes.
    await q.query(`
      CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await q.query(`
      CREATE TABLE sellers (
        id uuid PRIMARY KEY,
        partner_id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        phone text NOT NULL,
        province_code text NOT NULL,
        ward_code text NOT NULL,
        address_line text NOT NULL,
        legacy_address jsonb,
        status text NOT NULL DEFAULT 'active',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sellers_partner_idx ON sellers (partner_id)`);
    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY,
        seller_id uuid NOT NULL,
        partner_id text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        category_id text NOT NULL,
        unit text NOT NULL,
        price_vnd bigint NOT NULL,
        stock integer NOT NULL,
        weight_grams integer NOT NULL,
        ocop_stars smallint,
        ocop_certificate_no text,
        ocop_valid_until date,
        certifications jsonb NOT NULL DEFAULT '[]',
        origin_province_code text NOT NULL,
        images text[] NOT NULL DEFAULT '{}',
        lot_id text,
        status text NOT NULL,
        suspended boolean NOT NULL DEFAULT false,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_doc text NOT NULL DEFAULT '',
        CONSTRAINT products_price_positive CHECK (price_vnd > 0),
        CONSTRAINT products_stock_not_negative CHECK (stock >= 0),
        CONSTRAINT products_weight_positive CHECK (weight_grams > 0),
        CONSTRAINT products_ocop_stars CHECK (ocop_stars BETWEEN 1 AND 5)
      )`);
    await q.query(`CREATE INDEX products_seller_idx ON products (seller_id)`);
    await q.query(`CREATE INDEX products_listing_idx ON products (category_id, price_vnd)`);
    await q.query(`CREATE INDEX products_search_trgm_idx ON products USING gin (search_doc gin_trgm_ops)`);
    await q.query(`CREATE INDEX products_visible_newest_idx ON products (published_at DESC, id) WHERE status = 'active' AND NOT suspended`);
    await q.query(`
      CREATE FUNCTION products_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_doc := lower(f_unaccent(concat_ws(' ',
          NEW.name,
          NEW.description,
          (SELECT c.name_vi || ' ' || c.name_en FROM categories c WHERE c.id = NEW.category_id),
          (SELECT p.name_vi || ' ' || p.name_en FROM categories c JOIN categories p ON p.id = c.parent_id WHERE c.id = NEW.category_id),
          (SELECT s.name FROM sellers s WHERE s.id = NEW.seller_id))));
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER products_search_doc BEFORE INSERT OR UPDATE OF name, description, category_id ON products
      FOR EACH ROW EXECUTE FUNCTION products_search_doc()`);
    await q.query(`
      CREATE TABLE stock_reservations (
        sub_order_id text PRIMARY KEY,
        order_id text NOT NULL,
        status text NOT NULL,
        lines jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stock_reservations_order_idx ON stock_reservations (order_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stock_reservations`);
    await q.query(`DROP TRIGGER products_search_doc ON products`);
    await q.query(`DROP FUNCTION products_search_doc()`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE sellers`);
    await q.query(`DROP FUNCTION f_unaccent(text)`);
  }
}
