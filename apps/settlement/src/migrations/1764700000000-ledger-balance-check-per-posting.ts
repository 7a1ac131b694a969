import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The balance trigger looked postings up with `posting_id IN (SELECT DISTINCT … FROM new_entries)`:
 * PostgreSQL estimates 200 distinct ids for a transition table whatever it holds, so for a large
 * statement (a reconciliation step: thousands of entries of one posting) it merge-joined the whole
 * `ledger_entries_posting_idx` — every step cost O(size of the ledger): ~1.7 M entries read per step
 * after a Tết day's deliveries, seconds each. Summing per posting through a LATERAL subquery makes
 * it an index lookup per posting, whatever the ledger's size. Same rule, same error.
 */
export class LedgerBalanceCheckPerPosting1764700000000 implements MigrationInterface {
  name = 'LedgerBalanceCheckPerPosting1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_entries_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE bad text;
      BEGIN
        SELECT p.posting_id INTO bad
          FROM (SELECT DISTINCT posting_id FROM new_entries) p
          CROSS JOIN LATERAL (
            SELECT sum(e.debit_vnd) AS dr, sum(e.credit_vnd) AS cr FROM ledger_entries e WHERE e.posting_id = p.posting_id
          ) t
         WHERE t.dr <> t.cr
         LIMIT 1;
        IF bad IS NOT NULL THEN
          RAISE EXCEPTION 'ledger posting % is not balanced', bad USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION ledger_entries_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
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
  }
}
