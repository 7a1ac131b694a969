import type { LineOutcome, OutcomeTotals } from '@app/contracts';
import { Accounts, credit, debit, signed, type EntryDraft, type PostingDraft } from '../ledger/accounts';
import type { OutcomeAggregate } from './reconciliation.repository';

const SETTLING: LineOutcome[] = ['matched', 'short', 'over'];

/**
 * The posting of one reconciliation step. Every line's net goes to the carrier's clearing account
 * (settled at close against the bank transfer); settling lines clear the receivable at the COD we
 * expected, their fees become expense; differences go to the carrier's discrepancy account —
 * never to a seller. Only the carrier's accounts: sellers' shares are released once, at close.
 */
export function stepPosting(
  remittanceId: string,
  step: number,
  carrier: string,
  batchId: string,
  outcomes: OutcomeAggregate[],
): PostingDraft {
  const sum = (pick: (o: OutcomeAggregate) => number, which: LineOutcome[]) =>
    outcomes.filter((o) => which.includes(o.outcome)).reduce((s, o) => s + pick(o), 0);
  const discrepancy = Accounts.carrierDiscrepancy(carrier);
  const entries: EntryDraft[] = [
    ...signed(
      Accounts.carrierClearing(carrier),
      sum((o) => o.netRemittedVnd, [...SETTLING, 'unknown', 'duplicate']),
    ),
    ...debit(
      Accounts.carrierFees(carrier),
      sum((o) => o.feesVnd, SETTLING),
    ),
    ...credit(
      Accounts.carrierReceivable(carrier),
      sum((o) => o.expectedCodVnd, SETTLING),
    ),
    ...debit(
      discrepancy,
      sum((o) => o.expectedCodVnd - o.codCollectedVnd, ['short']),
    ),
    ...credit(
      discrepancy,
      sum((o) => o.codCollectedVnd - o.expectedCodVnd, ['over']),
    ),
    ...signed(discrepancy, -sum((o) => o.netRemittedVnd, ['unknown', 'duplicate'])),
  ];
  return {
    id: `remittance:${remittanceId}:step:${step}`,
    kind: 'remittance',
    description: `Remittance ${carrier} ${batchId}, step ${step + 1}`,
    entries,
  };
}

/**
 * The sellers' side of a remittance: the shares of its matched and over lines (the full COD
 * arrived) move from pending to available, one pair of entries per seller however many lines
 * and steps the remittance had. Short lines' shares stay pending until resolved.
 */
export function releasePosting(
  remittanceId: string,
  carrier: string,
  batchId: string,
  releases: { sellerId: string; shareVnd: number }[],
): PostingDraft {
  const entries: EntryDraft[] = [];
  for (const r of releases)
    entries.push(...debit(Accounts.sellerPending(r.sellerId), r.shareVnd), ...credit(Accounts.sellerAvailable(r.sellerId), r.shareVnd));
  return {
    id: `remittance:${remittanceId}:release`,
    kind: 'remittance',
    description: `Remittance ${carrier} ${batchId}: COD received, seller shares available`,
    entries,
  };
}

/** The closing posting: the bank transfer clears the lines' net; a difference is the carrier's. */
export function closePosting(
  remittanceId: string,
  carrier: string,
  batchId: string,
  bankRef: string,
  netLinesVnd: number,
  transferredVnd: number,
): PostingDraft {
  return {
    id: `remittance:${remittanceId}:close`,
    kind: 'remittance_transfer',
    description: `Bank transfer ${bankRef} for remittance ${carrier} ${batchId}`,
    entries: [
      ...debit(Accounts.bank(), transferredVnd),
      ...credit(Accounts.carrierClearing(carrier), netLinesVnd),
      ...signed(Accounts.carrierDiscrepancy(carrier), netLinesVnd - transferredVnd),
    ],
  };
}

export function outcomeTotals(outcomes: OutcomeAggregate[]): Record<LineOutcome, OutcomeTotals> {
  const zero = (): OutcomeTotals => ({ count: 0, codCollectedVnd: 0, expectedCodVnd: 0, netRemittedVnd: 0, differenceVnd: 0 });
  const out: Record<LineOutcome, OutcomeTotals> = { matched: zero(), short: zero(), over: zero(), unknown: zero(), duplicate: zero() };
  for (const o of outcomes) {
    out[o.outcome] = {
      count: o.count,
      codCollectedVnd: o.codCollectedVnd,
      expectedCodVnd: o.expectedCodVnd,
      netRemittedVnd: o.netRemittedVnd,
      differenceVnd: o.codCollectedVnd - o.expectedCodVnd,
    };
  }
  return out;
}
