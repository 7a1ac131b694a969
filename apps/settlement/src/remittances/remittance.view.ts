import type {
  LineOutcome,
  OutcomeTotals,
  RemittanceDiscrepancy,
  RemittanceLineError,
  RemittanceSummaryView,
  RemittanceView,
} from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import type { Remittance } from './remittance.entity';

const ZERO: OutcomeTotals = { count: 0, codCollectedVnd: 0, expectedCodVnd: 0, netRemittedVnd: 0, differenceVnd: 0 };

export function remittanceView(
  b: Remittance,
  discrepancies: { items: RemittanceDiscrepancy[]; count: number },
  errors: { items: RemittanceLineError[]; count: number },
): RemittanceView {
  return {
    ...remittanceSummary(b),
    discrepancies: discrepancies.items,
    discrepancyCount: discrepancies.count,
    missing: b.missing,
    errors: errors.items,
    errorCount: errors.count,
  };
}

/** A remittance's figures for a list: the counts come from its summary, not from its lines. */
export function remittanceSummary(b: Remittance): RemittanceSummaryView {
  const outcomes: Record<LineOutcome, OutcomeTotals> = b.summary?.outcomes ?? {
    matched: ZERO,
    short: ZERO,
    over: ZERO,
    unknown: ZERO,
    duplicate: ZERO,
  };
  const netLinesVnd = b.summary?.netLinesVnd ?? 0;
  const notMatched = (Object.keys(outcomes) as LineOutcome[]).filter((k) => k !== 'matched');
  return {
    id: b.id,
    carrierCode: b.carrierCode,
    batchId: b.batchId,
    bankTransferRef: b.bankTransferRef,
    totalTransferredVnd: b.totalTransferredVnd,
    status: b.status,
    lineCount: b.lineCount,
    reconciledLines: Math.min(b.chunksDone * b.chunkSize, b.lineCount),
    receivedAt: toVietnamIso(b.receivedAt),
    reconciledAt: b.reconciledAt ? toVietnamIso(b.reconciledAt) : null,
    outcomes,
    transfer: {
      netLinesVnd,
      totalTransferredVnd: b.totalTransferredVnd,
      differenceVnd: netLinesVnd - b.totalTransferredVnd,
      matches: b.status === 'reconciled' && netLinesVnd === b.totalTransferredVnd,
    },
    discrepancyCount: b.status === 'reconciled' ? notMatched.reduce((t, k) => t + outcomes[k].count, 0) : 0,
    errorCount: b.errorCount,
  };
}
