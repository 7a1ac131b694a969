import type { LineOutcome, OutcomeTotals } from '@app/contracts';

/** What reconciliation found, kept on the remittance once it is reconciled. */
export interface RemittanceSummary {
  outcomes: Record<LineOutcome, OutcomeTotals>;
  netLinesVnd: number;
}
