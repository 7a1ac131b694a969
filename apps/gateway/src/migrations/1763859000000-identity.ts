import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763859000000 implements MigrationInterface {
  name = 'Identity1763859000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        partner_id text,
        carrier_code text,
        key_hash text NOT NULL,
        key_prefix text NOT NULL,
        rate_limit_per_minute integer,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT "UQ_api_keys_key_hash" UNIQUE (key_hash)
      )`);
    await q.query(`CREATE INDEX api_keys_partner_idx ON api_keys (partner_id)`);
    await q.query(`
      CREATE TABLE idempotency_records (
        api_key_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        state text NOT NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (api_key_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX idempotency_records_expiry_idx ON idempotency_records (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_records`);
    await q.query(`DROP TABLE api_keys`);
  }
}
