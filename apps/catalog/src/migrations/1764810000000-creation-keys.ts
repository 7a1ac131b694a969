import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The operation that created a seller or product, so that creating it again returns it (ADR 0007). */
export class CreationKeys1764810000000 implements MigrationInterface {
  name = 'CreationKeys1764810000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['sellers', 'products']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN creation_key text, ADD COLUMN creation_hash text`);
      await q.query(`CREATE UNIQUE INDEX ${table}_creation_key_idx ON ${table} (partner_id, creation_key) WHERE creation_key IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['sellers', 'products']) {
      await q.query(`DROP INDEX ${table}_creation_key_idx`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN creation_hash, DROP COLUMN creation_key`);
    }
  }
}
