import type { Page, PageRequest } from '../page';

/** The ledger as callers see it (integer đồng). */
export interface SellerBalance {
  sellerId: string;
  /** Delivered, not yet covered by a reconciled remittance. */
  pendingVnd: number;
  /** Remitted by the carrier: payable in the next payout. */
  availableVnd: number;
  /** In a payout batch not yet marked paid. */
  inPayoutVnd: number;
  paidVnd: number;
}

export interface TrialBalanceAccount {
  /** `carrier:VTP:receivable`, `seller:<id>:available`, `platform:revenue:commission`, … */
  code: string;
  kind: string;
  debitsVnd: number;
  creditsVnd: number;
  /** In the account's normal direction (debits − credits for assets, credits − debits otherwise). */
  balanceVnd: number;
}

/** Most accounts one trial-balance page lists (an admin report: ~130 bytes an account, far under Kafka's 1 MB). */
export const MAX_TRIAL_BALANCE_PAGE = 1000;
export const DEFAULT_TRIAL_BALANCE_PAGE = 100;

/** A page of the trial balance: `limit` accounts after the cursor, in code order. */
export interface TrialBalanceRequest extends PageRequest {
  /** Only accounts whose code starts with this (`carrier:VTP:`, `seller:<id>:`); the totals still cover every account. */
  prefix?: string;
}

/**
 * The trial balance, a page of accounts at a time (a Tết season has tens of thousands of seller
 * accounts); the totals and the check are over every account of the ledger, on every page.
 */
export interface TrialBalance extends Page<TrialBalanceAccount> {
  /** Accounts in the ledger (all of them, whatever the page or prefix). */
  accountCount: number;
  /** Over all accounts; always equal. */
  totalDebitsVnd: number;
  totalCreditsVnd: number;
  /** Debits = credits, and the accounts' running totals agree with the entries themselves. */
  balanced: boolean;
  postings: number;
}

export interface StatementLine {
  postedAt: string;
  postingId: string;
  kind: string;
  description: string;
  /** `pending`, `available` or `payout`. */
  account: string;
  debitVnd: number;
  creditVnd: number;
}

export interface SellerStatementRequest {
  sellerId: string;
  /** Vietnam calendar dates (YYYY-MM-DD), inclusive; default: the last 30 days. */
  from?: string;
  to?: string;
}

export interface SellerStatement {
  sellerId: string;
  sellerName: string;
  from: string;
  to: string;
  opening: SellerBalance;
  closing: SellerBalance;
  lines: StatementLine[];
}
