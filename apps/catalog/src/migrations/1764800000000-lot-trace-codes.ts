import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The trace codes of traceability lots, so a product linked to a lot can show its trace page. */
export class LotTraceCodes1764800000000 implements MigrationInterface {
  name = 'LotTraceCodes1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE lot_trace_codes (lot_id text PRIMARY KEY, trace_code text NOT NULL)`);
    await q.query(`ALTER TABLE products ADD COLUMN trace_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products DROP COLUMN trace_code`);
    await q.query(`DROP TABLE lot_trace_codes`);
  }
}
