export const PayoutStatuses = ['created', 'paid'] as const;
export type PayoutStatus = (typeof PayoutStatuses)[number];

export interface SellerBankAccount {
  sellerId: string;
  /** NAPAS bank identification number (6 digits, e.g. 970405 Agribank). */
  bankBin: string;
  accountNumber: string;
  /** Account holder as the bank has it (upper case, no diacritics on most banks). */
  accountName: string;
  updatedAt: string;
}

export interface PutBankAccountRequest {
  sellerId: string;
  bankBin: string;
  accountNumber: string;
  accountName: string;
}

export interface CreatePayoutRequest {
  /** Pay only balances of at least this much; default from configuration. */
  minimumVnd?: number;
  /** Your reference (unique): the same reference again returns the same batch. */
  reference?: string;
  /** Pay only these sellers (e.g. one cooperative's members); default: every seller. */
  sellerIds?: string[];
}

export interface PayoutItem {
  sellerId: string;
  sellerName: string;
  amountVnd: number;
  bankAccount: { bankBin: string; accountNumber: string; accountName: string } | null;
  /** VietQR (NAPAS 247 EMVCo) payload to transfer exactly this amount; null without a bank account. */
  vietQr: string | null;
}

/** A payout in a list: its figures, without the transfers. */
export type PayoutSummaryView = Omit<PayoutBatchView, 'items'>;

export interface PayoutBatchView {
  id: string;
  reference: string;
  status: PayoutStatus;
  minimumVnd: number;
  totalVnd: number;
  itemCount: number;
  items: PayoutItem[];
  createdAt: string;
  paidAt: string | null;
}
