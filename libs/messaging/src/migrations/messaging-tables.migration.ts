import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbox and inbox tables; every service includes this migration in its own list. */
export class MessagingTables1763856000000 implements MigrationInterface {
  name = 'MessagingTables1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL,
        topic text NOT NULL,
        message_key text NOT NULL,
        type text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT outbox_event_id_key UNIQUE (event_id)
      )`);
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TABLE outbox`);
  }
}
