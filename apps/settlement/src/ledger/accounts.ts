/**
 * The chart of accounts. Assets and expenses are debit-normal, liabilities and revenue
 * credit-normal. Seller liabilities may never be overdrawn (a payout cannot exceed what is owed).
 */
export interface AccountRef {
  code: string;
  kind: string;
  ownerId: string | null;
  normalSide: 'D' | 'C';
  noOverdraft: boolean;
}

const account = (code: string, kind: string, ownerId: string | null, normalSide: 'D' | 'C', noOverdraft = false): AccountRef => ({
  code,
  kind,
  ownerId,
  normalSide,
  noOverdraft,
});

export const Accounts = {
  /** COD the carrier collected and owes us. */
  carrierReceivable: (carrier: string) => account(`carrier:${carrier}:receivable`, 'carrier_receivable', carrier, 'D'),
  /** Net amounts of reconciled lines awaiting the batch's bank transfer. */
  carrierClearing: (carrier: string) => account(`carrier:${carrier}:clearing`, 'carrier_clearing', carrier, 'D'),
  /** Differences to follow up with the carrier (debit: it owes more; credit: it paid too much). */
  carrierDiscrepancy: (carrier: string) => account(`carrier:${carrier}:discrepancy`, 'carrier_discrepancy', carrier, 'D'),
  sellerPending: (seller: string) => account(`seller:${seller}:pending`, 'seller_pending', seller, 'C', true),
  sellerAvailable: (seller: string) => account(`seller:${seller}:available`, 'seller_available', seller, 'C', true),
  /** In a payout batch not yet paid; its debits are what the seller has been paid. */
  sellerPayout: (seller: string) => account(`seller:${seller}:payout`, 'seller_payout', seller, 'C', true),
  bank: () => account('platform:bank', 'platform_bank', null, 'D'),
  commission: () => account('platform:revenue:commission', 'revenue_commission', null, 'C'),
  /** What buyers paid beyond the items (shipping, COD handling): the platform's fee revenue. */
  fees: () => account('platform:revenue:fees', 'revenue_fees', null, 'C'),
  /** Shipping, COD and return fees carriers deduct from their remittances. */
  carrierFees: (carrier: string) => account(`platform:expense:carrier-fees:${carrier}`, 'expense_carrier_fees', carrier, 'D'),
} as const;

export interface EntryDraft {
  account: AccountRef;
  debit: number;
  credit: number;
}

/** An entry for a signed amount: positive debits `account`, negative credits it, zero is dropped. */
export function signed(account: AccountRef, amount: number): EntryDraft[] {
  if (amount === 0) return [];
  return [amount > 0 ? { account, debit: amount, credit: 0 } : { account, debit: 0, credit: -amount }];
}

export const debit = (account: AccountRef, amount: number): EntryDraft[] => signed(account, amount);
export const credit = (account: AccountRef, amount: number): EntryDraft[] => signed(account, -amount);

export interface PostingDraft {
  /** Idempotency id: the same id posts once; with other entries it is refused. */
  id: string;
  kind: string;
  description: string;
  entries: EntryDraft[];
}
