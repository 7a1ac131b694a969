import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation updates every staged line once (its outcome) and every remitted shipment once
 * (its remittance). At the default fill factor (100) pages are full, so each update writes the new
 * row version on another page and a new entry in every index of the table — measured on a
 * Tết-day statement: 44 µs per shipment (three indexes) against 7 µs when the new version fits
 * on its page (a HOT update, no index touched). None of the updated columns is indexed, so
 * leaving room on each page for one more version of each row makes both updates HOT. Rows
 * written from now on get the room (existing pages keep theirs); the price is ~2× the heap of
 * these two tables. Ledger accounts (small, their running totals updated by every posting —
 * a statement's close updates one per seller) get the same room.
 */
export class ReconciliationHotUpdates1764900000000 implements MigrationInterface {
  name = 'ReconciliationHotUpdates1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE remittance_lines SET (fillfactor = 45)`);
    await q.query(`ALTER TABLE settled_shipments SET (fillfactor = 45)`);
    await q.query(`ALTER TABLE ledger_accounts SET (fillfactor = 50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_accounts RESET (fillfactor)`);
    await q.query(`ALTER TABLE settled_shipments RESET (fillfactor)`);
    await q.query(`ALTER TABLE remittance_lines RESET (fillfactor)`);
  }
}
