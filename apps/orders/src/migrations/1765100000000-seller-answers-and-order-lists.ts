import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sellers answer their sub-orders (API.md, "Sellers handle their orders") and partners list their
 * orders: the answer's columns on sub-orders, and the change position (`change_xid`, the id of the
 * transaction that last changed the order) that the order lists page on, for the order and for each
 * partner holding one of its sub-orders (ADR 0051).
 */
export class SellerAnswersAndOrderLists1765100000000 implements MigrationInterface {
  name = 'SellerAnswersAndOrderLists1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // Sub-orders placed before this change were shipped at once: they behave as `auto`.
    await q.query(`
      ALTER TABLE sub_orders
        ADD COLUMN acceptance text NOT NULL DEFAULT 'auto',
        ADD COLUMN accept_by timestamptz,
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN pickup_from timestamptz,
        ADD COLUMN pickup_to timestamptz,
        ADD COLUMN decline_reason text,
        ADD COLUMN seller_note text`);
    await q.query(`ALTER TABLE sub_orders ALTER COLUMN acceptance DROP DEFAULT`);
    await q.query(`CREATE INDEX sub_orders_accept_by_idx ON sub_orders (accept_by) WHERE status = 'awaiting_seller'`);
    await q.query(`CREATE INDEX sub_orders_seller_idx ON sub_orders (seller_id)`);
    await q.query(`ALTER TABLE shipments ADD COLUMN pickup_from timestamptz, ADD COLUMN pickup_to timestamptz`);
    await q.query(`ALTER TABLE shipment_reports ADD COLUMN location text`);

    await q.query(`ALTER TABLE orders ADD COLUMN change_xid bigint NOT NULL DEFAULT 0`);
    await q.query(`UPDATE orders SET change_xid = pg_current_xact_id()::text::bigint`);
    await q.query(`ALTER TABLE orders ALTER COLUMN change_xid DROP DEFAULT`);
    await q.query(`DROP INDEX orders_storefront_idx`);
    await q.query(`CREATE INDEX orders_storefront_change_idx ON orders (storefront_key_id, change_xid, id)`);
    await q.query(`CREATE INDEX orders_change_idx ON orders (change_xid, id)`);

    await q.query(`
      CREATE TABLE order_partners (
        partner_id text NOT NULL,
        order_id uuid NOT NULL,
        change_xid bigint NOT NULL,
        PRIMARY KEY (partner_id, order_id)
      )`);
    await q.query(`
      INSERT INTO order_partners (partner_id, order_id, change_xid)
      SELECT DISTINCT s.partner_id, o.id, o.change_xid FROM sub_orders s JOIN orders o ON o.id = s.order_id`);
    await q.query(`CREATE INDEX order_partners_change_idx ON order_partners (partner_id, change_xid, order_id)`);
    await q.query(`CREATE INDEX order_partners_order_idx ON order_partners (order_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_partners`);
    await q.query(`DROP INDEX orders_change_idx`);
    await q.query(`DROP INDEX orders_storefront_change_idx`);
    await q.query(`CREATE INDEX orders_storefront_idx ON orders (storefront_key_id)`);
    await q.query(`ALTER TABLE orders DROP COLUMN change_xid`);
    await q.query(`ALTER TABLE shipment_reports DROP COLUMN location`);
    await q.query(`ALTER TABLE shipments DROP COLUMN pickup_to, DROP COLUMN pickup_from`);
    await q.query(`DROP INDEX sub_orders_seller_idx`);
    await q.query(`DROP INDEX sub_orders_accept_by_idx`);
    await q.query(`
      ALTER TABLE sub_orders DROP COLUMN seller_note, DROP COLUMN decline_reason, DROP COLUMN pickup_to, DROP COLUMN pickup_from,
        DROP COLUMN answered_at, DROP COLUMN accept_by, DROP COLUMN acceptance`);
  }
}
