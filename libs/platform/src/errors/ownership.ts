import type { CallerIdentity } from '@app/contracts';
import { ForbiddenError, NotFoundError } from './domain-error';

/**
 * Tenant isolation where the data lives: an admin sees everything; a partner only what its sellers
 * own. Anything else is reported as not found (404), never as forbidden, so ids of other tenants
 * cannot be probed.
 */
export function assertPartnerOwns(caller: CallerIdentity, ownerPartnerId: string, what: string, id: string, whatVi: string): void {
  if (caller.role === 'admin') return;
  if (caller.role === 'partner' && caller.partnerId === ownerPartnerId) return;
  throw new NotFoundError(what, id, whatVi);
}

/** The partner a partner-only command acts for; the gateway's roles make this a defence in depth. */
export function partnerOf(caller: CallerIdentity): string {
  if (caller.role !== 'partner' || !caller.partnerId)
    throw new ForbiddenError('Only partner keys may do this.').vi('Chỉ khóa của đối tác được làm việc này.');
  return caller.partnerId;
}
