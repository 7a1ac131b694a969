import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1763861000000 implements MigrationInterface {
  name = 'Orders1763861000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_products (
        product_id uuid PRIMARY KEY,
        seller_id uuid NOT NULL,
        name text NOT NULL,
        unit text NOT NULL,
        category_id text NOT NULL,
        price_vnd bigint NOT NULL,
        weight_grams integer NOT NULL,
        lot_id text,
        visible boolean NOT NULL,
        seller jsonb NOT NULL,
        snapshot_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        storefront_key_id text NOT NULL,
        status text NOT NULL,
        buyer_name text NOT NULL,
        buyer_phone text NOT NULL,
        address jsonb NOT NULL,
        payment_method text NOT NULL,
        service text NOT NULL,
        carrier_code text NOT NULL,
        note text,
        items_vnd bigint NOT NULL,
        shipping_vnd bigint NOT NULL,
        cod_vnd bigint NOT NULL,
        reason text,
        placed_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL
      )`);
    await q.query(`CREATE INDEX orders_storefront_idx ON orders (storefront_key_id)`);
    await q.query(`CREATE INDEX orders_pending_idx ON orders (placed_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE sub_orders (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        seller_id uuid NOT NULL,
        partner_id text NOT NULL,
        seller_name text NOT NULL,
        status text NOT NULL,
        items jsonb NOT NULL,
        rejection jsonb,
        weight_grams integer NOT NULL,
        items_vnd bigint NOT NULL,
        shipping_vnd bigint NOT NULL,
        cod_fee_vnd bigint NOT NULL,
        cod_vnd bigint NOT NULL,
        shipment_id uuid
      )`);
    await q.query(`CREATE INDEX sub_orders_order_idx ON sub_orders (order_id)`);
    await q.query(`CREATE INDEX sub_orders_partner_idx ON sub_orders (partner_id)`);
    await q.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        sub_order_id uuid NOT NULL,
        carrier_code text NOT NULL,
        tracking_code text,
        status text NOT NULL,
        carrier_status_code text,
        status_at timestamptz NOT NULL,
        sender jsonb NOT NULL,
        receiver jsonb NOT NULL,
        weight_grams integer NOT NULL,
        cod_vnd bigint NOT NULL,
        cod_collected_vnd bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_shipments_sub_order_id" UNIQUE (sub_order_id)
      )`);
    await q.query(`CREATE INDEX shipments_carrier_status_idx ON shipments (carrier_code, status)`);
    await q.query(`CREATE INDEX shipments_tracking_idx ON shipments (tracking_code)`);
    await q.query(`
      CREATE TABLE shipment_reports (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL,
        status text NOT NULL,
        carrier_status_code text,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL,
        outcome text NOT NULL,
        raw jsonb
      )`);
    await q.query(`CREATE INDEX shipment_reports_shipment_idx ON shipment_reports (shipment_id, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shipment_reports`);
    await q.query(`DROP TABLE shipments`);
    await q.query(`DROP TABLE sub_orders`);
    await q.query(`DROP TABLE orders`);
    await q.query(`DROP TABLE catalog_products`);
  }
}
