import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lots, their append-only event chain, EPCIS captures, and read models of catalog sellers and
 * products. `lot_item_ref_seq` numbers the GTINs the platform issues to lots without their own.
 */
export class Traceability1763870000000 implements MigrationInterface {
  name = 'Traceability1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lots (
        id uuid PRIMARY KEY,
        seller_id uuid NOT NULL,
        partner_id text NOT NULL,
        product_name text NOT NULL,
        trace_code text NOT NULL,
        gtin text NOT NULL,
        epc_class text NOT NULL,
        harvest_date date,
        area jsonb,
        quantity numeric,
        unit text,
        certifications jsonb NOT NULL DEFAULT '[]',
        event_count integer NOT NULL DEFAULT 0,
        chain_head text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX lots_trace_code_key ON lots (trace_code)`);
    await q.query(`CREATE INDEX lots_seller_idx ON lots (seller_id)`);
    await q.query(`CREATE INDEX lots_epc_class_idx ON lots (epc_class)`);
    await q.query(`CREATE SEQUENCE lot_item_ref_seq`);
    await q.query(`
      CREATE TABLE lot_events (
        id uuid PRIMARY KEY,
        lot_id uuid NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        event_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        source text NOT NULL,
        source_ref text,
        capture_id uuid,
        epcis jsonb NOT NULL,
        chain_hash text NOT NULL,
        CONSTRAINT lot_events_lot_seq_key UNIQUE (lot_id, seq)
      )`);
    await q.query(`CREATE INDEX lot_events_event_id_idx ON lot_events (event_id)`);
    await q.query(`CREATE UNIQUE INDEX lot_events_source_ref_key ON lot_events (lot_id, source_ref) WHERE source_ref IS NOT NULL`);
    await q.query(`
      CREATE TABLE captures (
        id uuid PRIMARY KEY,
        partner_id text NOT NULL,
        event_count integer NOT NULL,
        lot_ids jsonb NOT NULL,
        document jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE seller_replicas (
        id uuid PRIMARY KEY,
        partner_id text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        province_code text NOT NULL,
        ward_code text NOT NULL,
        address_line text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE product_replicas (
        id uuid PRIMARY KEY,
        lot_id uuid,
        seller_id uuid NOT NULL,
        name text NOT NULL,
        unit text NOT NULL,
        weight_grams integer NOT NULL,
        ocop jsonb,
        certifications jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX product_replicas_lot_idx ON product_replicas (lot_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE product_replicas`);
    await q.query(`DROP TABLE seller_replicas`);
    await q.query(`DROP TABLE captures`);
    await q.query(`DROP TABLE lot_events`);
    await q.query(`DROP SEQUENCE lot_item_ref_seq`);
    await q.query(`DROP TABLE lots`);
  }
}
