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

export interface TrialBalance {
  accounts: TrialBalanceAccount[];
  totalDebitsVnd: number;
  totalCreditsVnd: number;
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
