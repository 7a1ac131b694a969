import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEFAULT_TRIAL_BALANCE_PAGE, MAX_TRIAL_BALANCE_PAGE, type TrialBalance, type TrialBalanceRequest } from '@app/contracts';
import { decodeCursor, toPage } from '@app/persistence';
import { ConflictError } from '@app/platform';
import type { AccountRef, EntryDraft, PostingDraft } from './accounts';
import { LedgerRepository } from './ledger.repository';

/** Entries of one account and side added together, zeros dropped, in a stable order. */
function consolidate(entries: EntryDraft[]): EntryDraft[] {
  const byKey = new Map<string, EntryDraft>();
  for (const e of entries) {
    if (!Number.isSafeInteger(e.debit) || !Number.isSafeInteger(e.credit) || e.debit < 0 || e.credit < 0)
      throw new RangeError(`ledger amounts must be non-negative integer đồng (${e.account.code}: ${e.debit}/${e.credit})`);
    const side = e.debit > 0 ? 'D' : 'C';
    const amount = e.debit + e.credit;
    if (amount === 0) continue;
    const key = `${e.account.code}|${side}`;
    const prev = byKey.get(key);
    byKey.set(key, {
      account: e.account,
      debit: (prev?.debit ?? 0) + (side === 'D' ? amount : 0),
      credit: (prev?.credit ?? 0) + (side === 'C' ? amount : 0),
    });
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

/**
 * Posts balanced, idempotent postings. A posting id seen before with the same entries posts
 * nothing (a replayed event or remittance); with different entries it is refused: corrections are
 * new postings, never edits.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly ledger: LedgerRepository) {}

  /** Returns true when posted, false when it is a replay of a posting already made. */
  async post(manager: EntityManager, draft: PostingDraft): Promise<boolean> {
    const entries = consolidate(draft.entries);
    const debits = entries.reduce((s, e) => s + e.debit, 0);
    const credits = entries.reduce((s, e) => s + e.credit, 0);
    if (debits !== credits) throw new Error(`posting ${draft.id} is not balanced: debits ${debits} ≠ credits ${credits}`);
    const fingerprint = createHash('sha256')
      .update(entries.map((e) => `${e.account.code}|${e.debit}|${e.credit}`).join('\n'))
      .digest('hex');
    const inserted = await this.ledger.insertPosting(manager, {
      id: draft.id,
      kind: draft.kind,
      description: draft.description,
      fingerprint,
      totalVnd: debits,
    });
    if (!inserted) {
      if ((await this.ledger.fingerprintOf(manager, draft.id)) === fingerprint) return false;
      throw new ConflictError(
        'posting_conflict',
        `Ledger posting ${draft.id} was already made with other amounts; post a correction instead.`,
      ).vi(`Bút toán ${draft.id} đã được ghi với số tiền khác; hãy ghi bút toán điều chỉnh.`);
    }
    if (entries.length === 0) return true;
    const accounts = new Map<string, AccountRef>(entries.map((e) => [e.account.code, e.account]));
    await this.ledger.lockAccounts(manager, [...accounts.values()]);
    await this.ledger.insertEntries(manager, draft.id, entries);
    return true;
  }

  /** A page of accounts in code order; the totals and the check are over the whole ledger. */
  async trialBalance(req: TrialBalanceRequest): Promise<TrialBalance> {
    const limit = Math.min(Math.max(Math.trunc(req.limit) || DEFAULT_TRIAL_BALANCE_PAGE, 1), MAX_TRIAL_BALANCE_PAGE);
    const after = decodeCursor<{ code: string }>(req.cursor, ['code'])?.code;
    const rows = await this.ledger.accounts(after, limit + 1, req.prefix || undefined);
    const page = toPage(
      rows,
      limit,
      (a) => a,
      (a) => ({ code: a.code }),
    );
    const totals = await this.ledger.accountTotals();
    const entries = await this.ledger.entryTotals();
    return {
      ...page,
      accountCount: totals.accounts,
      totalDebitsVnd: totals.debits,
      totalCreditsVnd: totals.credits,
      // Balanced only if the running totals agree with each other and with the entries themselves.
      balanced: totals.debits === totals.credits && entries.debits === totals.debits && entries.credits === totals.credits,
      postings: totals.postings,
    };
  }
}
