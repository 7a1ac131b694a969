import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A partner's lots, newest first (`GET /v1/lots`), on their own index. */
export class LotsByPartner1765100000000 implements MigrationInterface {
  name = 'LotsByPartner1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX lots_partner_idx ON lots (partner_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX lots_partner_idx`);
  }
}
