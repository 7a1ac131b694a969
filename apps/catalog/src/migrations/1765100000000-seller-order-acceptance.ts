import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a seller takes orders (API.md, "Sellers handle their orders"): new sellers answer each order
 * (`manual`); sellers registered before the choice existed keep what they had — orders shipped at
 * once (`auto`) — until their partner changes it.
 */
export class SellerOrderAcceptance1765100000000 implements MigrationInterface {
  name = 'SellerOrderAcceptance1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sellers ADD COLUMN order_acceptance text NOT NULL DEFAULT 'auto'`);
    await q.query(`ALTER TABLE sellers ALTER COLUMN order_acceptance SET DEFAULT 'manual'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sellers DROP COLUMN order_acceptance`);
  }
}
