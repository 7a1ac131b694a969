import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The settlement schema: read models of sellers, shipments and orders; the double-entry ledger
 * (accounts, postings, entries) with database guards that every posting balances and nothing is
 * ever updated or deleted; remittance batches with their staged lines; payout batches.
 */
export class Settlement1764000000000 implements MigrationInterface {
  name = 'Settlement1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE seller_accounts (
        seller_id text PRIMARY KEY,
        partner_id text NOT NULL,
        name text NOT NULL,
        bank_bin text,
        bank_account_number text,
        bank_account_name text,
        bank_updated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE settled_shipments (
        shipment_id text PRIMARY KEY,
        order_id text NOT NULL,
        seller_id text NOT NULL,
        partner_id text NOT NULL,
        carrier_code text NOT NULL,
        tracking_code text,
        receiver_province_code text NOT NULL,
        items_vnd bigint NOT NULL,
        cod_vnd bigint NOT NULL,
        commission_vnd bigint NOT NULL,
        seller_share_vnd bigint NOT NULL,
        status text NOT NULL,
        delivered_at timestamptz,
        returned_at timestamptz,
        remittance_id uuid,
        remitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT settled_shipments_status CHECK (status IN ('delivered', 'returned'))
      )`);
    await q.query(`CREATE INDEX settled_shipments_tracking_idx ON settled_shipments (carrier_code, tracking_code)`);
    await q.query(`CREATE INDEX settled_shipments_delivered_idx ON settled_shipments (delivered_at)`);
    await q.query(`
      CREATE TABLE placed_orders (
        order_id text PRIMARY KEY,
        placed_at timestamptz NOT NULL,
        province_code text,
        items_vnd bigint NOT NULL,
        cod_vnd bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX placed_orders_placed_idx ON placed_orders (placed_at)`);
    await q.query(`
      CREATE TABLE ledger_accounts (
        code text PRIMARY KEY,
        kind text NOT NULL,
        owner_id text,
        normal_side text NOT NULL,
        no_overdraft boolean NOT NULL DEFAULT false,
        debits_vnd bigint NOT NULL DEFAULT 0,
        credits_vnd bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_accounts_side CHECK (normal_side IN ('D', 'C')),
        CONSTRAINT ledger_accounts_no_overdraft CHECK (NOT no_overdraft OR (normal_side = 'C' AND debits_vnd <= credits_vnd) OR (normal_side = 'D' AND credits_vnd <= debits_vnd))
      )`);
    await q.query(`
      CREATE TABLE ledger_postings (
        id text PRIMARY KEY,
        kind text NOT NULL,
        description text NOT NULL,
        fingerprint text NOT NULL,
        total_vnd bigint NOT NULL,
        posted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        posting_id text NOT NULL,
        account_code text NOT NULL,
        debit_vnd bigint NOT NULL,
        credit_vnd bigint NOT NULL,
        posted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ledger_entries_one_side CHECK (debit_vnd >= 0 AND credit_vnd >= 0 AND (debit_vnd = 0) <> (credit_vnd = 0))
      )`);
    await q.query(`CREATE INDEX ledger_entries_posting_idx ON ledger_entries (posting_id)`);
    await q.query(`CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_code, posted_at)`);
    // A posting's entries are written in one statement; afterwards every posting touched must
    // balance, counted over all its entries (so no later statement can unbalance it either).
    await q.query(`
      CREATE FUNCTION ledger_entries_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad text;
      BEGIN
        SELECT e.posting_id INTO bad
          FROM ledger_entries e
         WHERE e.posting_id IN (SELECT DISTINCT posting_id FROM new_entries)
         GROUP BY e.posting_id
        HAVING sum(e.debit_vnd) <> sum(e.credit_vnd)
         LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'ledger posting % is not balanced', bad USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
      REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_balanced()`);
    await q.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the ledger is append-only: % on % refused (post a correction instead)', TG_OP, TG_TABLE_NAME USING ERRCODE = '42501';
      END $$`);
    await q.query(
      `CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER ledger_postings_append_only BEFORE UPDATE OR DELETE ON ledger_postings FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`,
    );
    await q.query(`
      CREATE TABLE remittance_batches (
        id uuid PRIMARY KEY,
        carrier_code text NOT NULL,
        batch_id text NOT NULL,
        bank_transfer_ref text NOT NULL,
        total_transferred_vnd bigint NOT NULL,
        format text NOT NULL,
        status text NOT NULL,
        content_hash text,
        line_count integer NOT NULL DEFAULT 0,
        chunk_count integer NOT NULL DEFAULT 0,
        chunk_size integer NOT NULL,
        chunks_done integer NOT NULL DEFAULT 0,
        validated boolean NOT NULL DEFAULT false,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        summary jsonb,
        missing jsonb,
        received_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        reconciled_at timestamptz,
        CONSTRAINT remittance_batches_status CHECK (status IN ('receiving', 'processing', 'reconciled', 'rejected'))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX remittance_batches_batch_uq ON remittance_batches (carrier_code, batch_id) WHERE status IN ('processing', 'reconciled')`);
    await q.query(`CREATE INDEX remittance_batches_status_idx ON remittance_batches (status)`);
    await q.query(`
      CREATE TABLE remittance_chunks (
        remittance_id uuid NOT NULL,
        seq integer NOT NULL,
        line_count integer NOT NULL,
        PRIMARY KEY (remittance_id, seq)
      )`);
    await q.query(`
      CREATE TABLE remittance_lines (
        remittance_id uuid NOT NULL,
        ordinal integer NOT NULL,
        line_no integer NOT NULL,
        tracking_code text NOT NULL,
        shipment_ref text,
        cod_collected_vnd bigint NOT NULL,
        shipping_fee_vnd bigint NOT NULL,
        cod_fee_vnd bigint NOT NULL,
        return_fee_vnd bigint NOT NULL,
        net_remitted_vnd bigint NOT NULL,
        delivered_at timestamptz,
        outcome text,
        shipment_id text,
        seller_id text,
        expected_cod_vnd bigint,
        seller_share_vnd bigint,
        PRIMARY KEY (remittance_id, ordinal)
      )`);
    await q.query(`
      CREATE TABLE remittance_line_errors (
        remittance_id uuid NOT NULL,
        line_no integer NOT NULL,
        field text NOT NULL,
        message text NOT NULL,
        message_vi text,
        PRIMARY KEY (remittance_id, line_no, field)
      )`);
    await q.query(`
      CREATE TABLE payout_batches (
        id uuid PRIMARY KEY,
        reference text NOT NULL,
        status text NOT NULL,
        minimum_vnd bigint NOT NULL,
        total_vnd bigint NOT NULL,
        item_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        paid_at timestamptz,
        CONSTRAINT payout_batches_reference_uq UNIQUE (reference),
        CONSTRAINT payout_batches_status CHECK (status IN ('created', 'paid'))
      )`);
    await q.query(`
      CREATE TABLE payout_items (
        payout_id uuid NOT NULL,
        seller_id text NOT NULL,
        seller_name text NOT NULL,
        amount_vnd bigint NOT NULL,
        bank_bin text,
        bank_account_number text,
        bank_account_name text,
        PRIMARY KEY (payout_id, seller_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'payout_items',
      'payout_batches',
      'remittance_line_errors',
      'remittance_lines',
      'remittance_chunks',
      'remittance_batches',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP TABLE ledger_postings`);
    await q.query(`DROP FUNCTION ledger_append_only()`);
    await q.query(`DROP FUNCTION ledger_entries_balanced()`);
    for (const t of ['ledger_accounts', 'placed_orders', 'settled_shipments', 'seller_accounts']) await q.query(`DROP TABLE ${t}`);
  }
}
