import { RemittanceReconciledV1, RemittanceRejectedV1, type MissingSummary, type RemittanceStatus } from '@app/contracts';
import { event, type PendingEvent } from '@app/messaging';
import { IllegalTransitionError } from '@app/platform';
import { Remittance } from './remittance.entity';
import type { RemittanceSummary } from './remittance-summary';

/**
 * A remittance is `receiving` while its chunks arrive, `processing` once accepted whole, then
 * `reconciled`; it is `rejected` instead when the upload is malformed or, before anything is
 * posted, when it names another carrier's shipments. Anything else is an illegal transition (409).
 */
const TRANSITIONS: Record<RemittanceStatus, readonly RemittanceStatus[]> = {
  receiving: ['processing', 'rejected'],
  processing: ['reconciled', 'rejected'],
  reconciled: [],
  rejected: [],
};

export function canTransition(from: RemittanceStatus, to: RemittanceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: RemittanceStatus, to: RemittanceStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError('Remittance', from, to);
}

export type UploadFields = Pick<
  Remittance,
  'id' | 'carrierCode' | 'batchId' | 'bankTransferRef' | 'totalTransferredVnd' | 'format' | 'chunkSize'
>;

/** A new upload: chunks may be staged into it until it is completed. */
export function openUpload(fields: UploadFields): Remittance {
  return Object.assign(new Remittance(), { ...fields, status: 'receiving' as const });
}

/** The upload is whole and well-formed: the reconciler takes it from here. */
export function accept(r: Remittance): void {
  assertTransition(r.status, 'processing');
  r.status = 'processing';
}

/** Refused as a whole, with how many lines were wrong; nothing of it is (or will be) posted. */
export function reject(r: Remittance, errorCount: number): PendingEvent<unknown> {
  assertTransition(r.status, 'rejected');
  r.status = 'rejected';
  r.errorCount = errorCount;
  return event(RemittanceRejectedV1, r.id, { remittanceId: r.id, carrierCode: r.carrierCode, batchId: r.batchId, errorCount });
}

/** Every step posted and the transfer booked: what it came to, and the shipments still unremitted. */
export function markReconciled(r: Remittance, summary: RemittanceSummary, missing: MissingSummary, at: Date): PendingEvent<unknown> {
  assertTransition(r.status, 'reconciled');
  r.status = 'reconciled';
  r.summary = summary;
  r.missing = missing;
  r.reconciledAt = at;
  return event(RemittanceReconciledV1, r.id, {
    remittanceId: r.id,
    carrierCode: r.carrierCode,
    batchId: r.batchId,
    totalTransferredVnd: r.totalTransferredVnd,
    outcomes: summary.outcomes,
    reconciledAt: at.toISOString(),
  });
}
