import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook endpoints, the stored public events (the feed), deliveries and their attempt log, and the small projections routing needs. */
export class Notifications1765100000000 implements MigrationInterface {
  name = 'Notifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        owner_role text NOT NULL,
        owner_id text NOT NULL,
        url text NOT NULL,
        event_types text[] NOT NULL,
        description text,
        status text NOT NULL,
        disabled_reason text,
        secret_enc text NOT NULL,
        previous_secret_enc text,
        previous_secret_expires_at timestamptz,
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_owner_idx ON webhook_endpoints (owner_role, owner_id, id)`);
    await q.query(`
      CREATE TABLE public_events (
        id uuid PRIMARY KEY,
        owner_role text NOT NULL,
        owner_id text NOT NULL,
        type text NOT NULL,
        source_event_id text NOT NULL,
        body jsonb NOT NULL,
        position bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX public_events_source_idx ON public_events (source_event_id, owner_role, owner_id)`);
    await q.query(`CREATE UNIQUE INDEX public_events_feed_idx ON public_events (owner_role, owner_id, position)`);
    await q.query(`CREATE INDEX public_events_created_idx ON public_events (created_at)`);
    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX deliveries_event_endpoint_idx ON deliveries (event_id, endpoint_id)`);
    await q.query(`CREATE INDEX deliveries_due_idx ON deliveries (endpoint_id, next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX deliveries_endpoint_idx ON deliveries (endpoint_id, id)`);
    await q.query(`
      CREATE TABLE delivery_attempts (
        id uuid PRIMARY KEY,
        delivery_id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        event_id uuid NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL,
        http_status integer,
        duration_ms integer,
        response_snippet text,
        error text,
        attempted_at timestamptz NOT NULL,
        next_attempt_at timestamptz
      )`);
    await q.query(`CREATE INDEX delivery_attempts_endpoint_idx ON delivery_attempts (endpoint_id, id)`);
    await q.query(`CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id)`);
    await q.query(`CREATE TABLE resource_sequences (resource text PRIMARY KEY, value bigint NOT NULL)`);
    await q.query(
      `CREATE TABLE feed_positions (owner_role text NOT NULL, owner_id text NOT NULL, value bigint NOT NULL, PRIMARY KEY (owner_role, owner_id))`,
    );
    await q.query(`CREATE TABLE order_routes (order_id text PRIMARY KEY, storefront_key_id text, partners jsonb NOT NULL)`);
    await q.query(`CREATE TABLE suspended_products (product_id text PRIMARY KEY)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'suspended_products',
      'order_routes',
      'feed_positions',
      'resource_sequences',
      'delivery_attempts',
      'deliveries',
      'public_events',
      'webhook_endpoints',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
