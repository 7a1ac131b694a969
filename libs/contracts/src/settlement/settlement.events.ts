import { defineEvent } from '../cloud-event';
import { registerEvents } from '../event-registry';
import { Topics } from '../topics';
import type { LineOutcome, OutcomeTotals } from './remittance.dto';

/** A carrier's remittance statement was reconciled and posted to the ledger. */
export const RemittanceReconciledV1 = defineEvent<{
  remittanceId: string;
  carrierCode: string;
  batchId: string;
  totalTransferredVnd: number;
  outcomes: Record<LineOutcome, OutcomeTotals>;
  reconciledAt: string;
}>('settlement.remittance.reconciled.v1', Topics.settlementEvents);

/** A remittance statement was refused as a whole (nothing of it was posted). */
export const RemittanceRejectedV1 = defineEvent<{ remittanceId: string; carrierCode: string; batchId: string; errorCount: number }>(
  'settlement.remittance.rejected.v1',
  Topics.settlementEvents,
);

/** Available seller balances were put into a payout batch. */
export const PayoutBatchCreatedV1 = defineEvent<{ payoutId: string; reference: string; totalVnd: number; itemCount: number }>(
  'settlement.payout.created.v1',
  Topics.settlementEvents,
);

/** The bank transfers of a payout batch were made: the sellers' balances are paid. */
export const PayoutBatchPaidV1 = defineEvent<{
  payoutId: string;
  totalVnd: number;
  paidAt: string;
  /** What each seller was paid, with the partner that registered it (who is told); absent from older events. */
  items?: { sellerId: string; partnerId: string | null; amountVnd: number }[];
}>('settlement.payout.paid.v1', Topics.settlementEvents);

registerEvents(RemittanceReconciledV1, RemittanceRejectedV1, PayoutBatchCreatedV1, PayoutBatchPaidV1);
