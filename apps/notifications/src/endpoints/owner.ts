import type { CallerIdentity, EventOwner } from '@app/contracts';
import { ForbiddenError } from '@app/platform';

/** Whose endpoints and events a caller reaches: a partner's, a storefront key's, a carrier's. */
export function ownerOf(caller: CallerIdentity): EventOwner {
  if (caller.role === 'partner' && caller.partnerId) return { role: 'partner', id: caller.partnerId };
  if (caller.role === 'storefront') return { role: 'storefront', id: caller.keyId };
  if (caller.role === 'carrier' && caller.carrierCode) return { role: 'carrier', id: caller.carrierCode };
  throw new ForbiddenError('Only partner, storefront and carrier keys have webhooks and an event feed.').vi(
    'Chỉ khóa của đối tác, cửa hàng và hãng vận chuyển có webhook và luồng sự kiện.',
  );
}
