import { RemittanceReconciledV1, RemittanceRejectedV1, type MissingSummary, type RemittanceStatus } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import { aRemittance } from '../../../../test/support/factories';
import { accept, canTransition, markReconciled, openUpload, reject } from './remittance-state';
import type { RemittanceSummary } from './remittance-summary';

const none = { count: 0, codCollectedVnd: 0, expectedCodVnd: 0, netRemittedVnd: 0, differenceVnd: 0 };
const summary: RemittanceSummary = {
  outcomes: {
    matched: { count: 3, codCollectedVnd: 1_300_000, expectedCodVnd: 1_300_000, netRemittedVnd: 1_250_000, differenceVnd: 0 },
    short: none,
    over: none,
    unknown: none,
    duplicate: none,
  },
  netLinesVnd: 1_250_000,
};
const missing: MissingSummary = { afterDays: 3, count: 0, codVnd: 0, ageing: [], items: [] };

describe('remittance transitions', () => {
  it('opens an upload as receiving', () => {
    const r = openUpload({
      id: 'r1',
      carrierCode: 'VNPOST',
      batchId: 'BK-1',
      bankTransferRef: 'FT1',
      totalTransferredVnd: 10_000,
      format: 'json',
      chunkSize: 5000,
    });
    expect(r.status).toBe('receiving');
    expect(r.batchId).toBe('BK-1');
  });

  it('accepts a whole upload for reconciliation', () => {
    const r = aRemittance({ status: 'receiving' });
    accept(r);
    expect(r.status).toBe('processing');
  });

  it.each(['receiving', 'processing'] as const)('rejects a %s remittance with its error count, one event for both services', (status) => {
    const r = aRemittance({ status });
    const event = reject(r, 4);
    expect(r).toMatchObject({ status: 'rejected', errorCount: 4 });
    expect(event).toMatchObject({
      definition: RemittanceRejectedV1,
      subject: r.id,
      data: { remittanceId: r.id, carrierCode: r.carrierCode, batchId: r.batchId, errorCount: 4 },
    });
  });

  it('marks a processing remittance reconciled with what it came to', () => {
    const r = aRemittance();
    const at = new Date('2026-12-07T03:00:00Z');
    const event = markReconciled(r, summary, missing, at);
    expect(r).toMatchObject({ status: 'reconciled', summary, missing, reconciledAt: at });
    expect(event).toMatchObject({
      definition: RemittanceReconciledV1,
      data: { remittanceId: r.id, totalTransferredVnd: r.totalTransferredVnd, outcomes: summary.outcomes, reconciledAt: at.toISOString() },
    });
  });

  const finished: RemittanceStatus[] = ['reconciled', 'rejected'];
  it.each(finished)('moves a %s remittance nowhere (409)', (status) => {
    for (const to of ['receiving', 'processing', 'reconciled', 'rejected'] as const) expect(canTransition(status, to)).toBe(false);
    expect(() => reject(aRemittance({ status }), 1)).toThrow(IllegalTransitionError);
    expect(() => accept(aRemittance({ status }))).toThrow(IllegalTransitionError);
  });

  it('never reconciles an upload still receiving', () => {
    const r = aRemittance({ status: 'receiving' });
    expect(() => markReconciled(r, summary, missing, new Date())).toThrow(IllegalTransitionError);
    expect(r.status).toBe('receiving');
  });
});
