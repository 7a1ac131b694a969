import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The operation that placed an order, so that placing it again returns it (ADR 0007). */
export class OrderPlacementKeys1764800000000 implements MigrationInterface {
  name = 'OrderPlacementKeys1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN placement_key text, ADD COLUMN placement_hash text`);
    await q.query(
      `CREATE UNIQUE INDEX orders_placement_key_idx ON orders (storefront_key_id, placement_key) WHERE placement_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_placement_key_idx`);
    await q.query(`ALTER TABLE orders DROP COLUMN placement_hash, DROP COLUMN placement_key`);
  }
}
