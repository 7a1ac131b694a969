import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TrialBalanceAccount } from '@app/contracts';
import type { AccountRef, EntryDraft } from './accounts';

interface PostingRow {
  id: string;
  kind: string;
  description: string;
  fingerprint: string;
  totalVnd: number;
}

/** The only place that touches ledger tables; set-based, so a posting of 100,000 entries is a few statements. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the posting header; false when that id exists (the caller compares fingerprints). */
  async insertPosting(manager: EntityManager, p: PostingRow): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO ledger_postings (id, kind, description, fingerprint, total_vnd) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [p.id, p.kind, p.description, p.fingerprint, p.totalVnd],
    );
    return rows.length > 0;
  }

  async fingerprintOf(manager: EntityManager, id: string): Promise<string | undefined> {
    const rows = await manager.query<{ fingerprint: string }[]>('SELECT fingerprint FROM ledger_postings WHERE id = $1', [id]);
    return rows[0]?.fingerprint;
  }

  /**
   * Creates missing accounts and locks all of them, in code order (no deadlocks between postings),
   * in one statement: `ON CONFLICT DO UPDATE … WHERE false` locks an existing row without writing it.
   */
  async lockAccounts(manager: EntityManager, accounts: AccountRef[]): Promise<void> {
    await manager.query(
      `INSERT INTO ledger_accounts (code, kind, owner_id, normal_side, no_overdraft)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[]) AS t(code, kind, owner_id, normal_side, no_overdraft)
        ORDER BY code
       ON CONFLICT (code) DO UPDATE SET kind = ledger_accounts.kind WHERE false`,
      [
        accounts.map((a) => a.code),
        accounts.map((a) => a.kind),
        accounts.map((a) => a.ownerId),
        accounts.map((a) => a.normalSide),
        accounts.map((a) => a.noOverdraft),
      ],
    );
  }

  /** All entries in one statement (the balance trigger checks per statement), then account totals. */
  async insertEntries(manager: EntityManager, postingId: string, entries: EntryDraft[]): Promise<void> {
    const codes = entries.map((e) => e.account.code);
    const debits = entries.map((e) => e.debit);
    const credits = entries.map((e) => e.credit);
    await manager.query(
      `INSERT INTO ledger_entries (posting_id, account_code, debit_vnd, credit_vnd)
       SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::bigint[])`,
      [postingId, codes, debits, credits],
    );
    // The totals from the entries just written (the posting is new: these are all of its entries),
    // rather than sending a statement's 40,000 amounts a second time.
    await manager.query(
      `UPDATE ledger_accounts a SET debits_vnd = a.debits_vnd + d.dr, credits_vnd = a.credits_vnd + d.cr
         FROM (SELECT account_code, sum(debit_vnd) AS dr, sum(credit_vnd) AS cr FROM ledger_entries WHERE posting_id = $1 GROUP BY account_code) d
        WHERE a.code = d.account_code`,
      [postingId],
    );
  }

  /** Up to `limit` accounts after `after` in code order, optionally only those whose code starts with `prefix`. */
  async accounts(after: string | undefined, limit: number, prefix: string | undefined): Promise<TrialBalanceAccount[]> {
    const rows = await this.dataSource.query<{ code: string; kind: string; normal_side: 'D' | 'C'; debits: string; credits: string }[]>(
      `SELECT code, kind, normal_side, debits_vnd AS debits, credits_vnd AS credits FROM ledger_accounts
        WHERE ($1::text IS NULL OR code > $1) AND ($2::text IS NULL OR starts_with(code, $2))
        ORDER BY code LIMIT $3`,
      [after ?? null, prefix ?? null, limit],
    );
    return rows.map((r) => {
      const debitsVnd = Number(r.debits);
      const creditsVnd = Number(r.credits);
      return {
        code: r.code,
        kind: r.kind,
        debitsVnd,
        creditsVnd,
        balanceVnd: r.normal_side === 'D' ? debitsVnd - creditsVnd : creditsVnd - debitsVnd,
      };
    });
  }

  /** Every account's running totals added up, and how many accounts and postings there are. */
  async accountTotals(): Promise<{ accounts: number; debits: number; credits: number; postings: number }> {
    const [r] = await this.dataSource.query<{ n: string; d: string | null; c: string | null; p: string }[]>(
      `SELECT count(*) AS n, sum(debits_vnd) AS d, sum(credits_vnd) AS c, (SELECT count(*) FROM ledger_postings) AS p FROM ledger_accounts`,
    );
    return { accounts: Number(r.n), debits: Number(r.d ?? 0), credits: Number(r.c ?? 0), postings: Number(r.p) };
  }

  /** Entry totals straight from the entries (a cross-check of the accounts' running totals). */
  async entryTotals(): Promise<{ debits: number; credits: number }> {
    const [r] = await this.dataSource.query<{ d: string | null; c: string | null }[]>(
      'SELECT sum(debit_vnd) AS d, sum(credit_vnd) AS c FROM ledger_entries',
    );
    return { debits: Number(r.d ?? 0), credits: Number(r.c ?? 0) };
  }

  /** Credit-normal balances of accounts as of `before` (exclusive; undefined: now). */
  async balances(codes: string[], before?: Date, manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows = await manager.query<{ code: string; bal: string }[]>(
      `SELECT account_code AS code, sum(credit_vnd) - sum(debit_vnd) AS bal FROM ledger_entries
        WHERE account_code = ANY($1::text[]) AND ($2::timestamptz IS NULL OR posted_at < $2) GROUP BY account_code`,
      [codes, before ?? null],
    );
    return new Map(rows.map((r) => [r.code, Number(r.bal)]));
  }

  async debitsOf(code: string): Promise<number> {
    const rows = await this.dataSource.query<{ d: string }[]>('SELECT debits_vnd AS d FROM ledger_accounts WHERE code = $1', [code]);
    return Number(rows[0]?.d ?? 0);
  }

  /** Debits of a payout account before `before`: what was paid out by then. */
  async paidBefore(code: string, before: Date): Promise<number> {
    const rows = await this.dataSource.query<{ d: string | null }[]>(
      'SELECT sum(debit_vnd) AS d FROM ledger_entries WHERE account_code = $1 AND posted_at < $2',
      [code, before],
    );
    return Number(rows[0]?.d ?? 0);
  }

  async entriesBetween(codes: string[], from: Date, to: Date) {
    return this.dataSource.query<
      { posted_at: Date; posting_id: string; kind: string; description: string; account_code: string; debit: string; credit: string }[]
    >(
      `SELECT e.posted_at, e.posting_id, p.kind, p.description, e.account_code, e.debit_vnd AS debit, e.credit_vnd AS credit
         FROM ledger_entries e JOIN ledger_postings p ON p.id = e.posting_id
        WHERE e.account_code = ANY($1::text[]) AND e.posted_at >= $2 AND e.posted_at < $3
        ORDER BY e.posted_at, e.id`,
      [codes, from, to],
    );
  }
}
