import type { CallerIdentity } from '@app/contracts';
import { ForbiddenError } from '@app/platform';

/** Operator-only requests; the gateway's roles already say so, this is defence in depth. */
export function assertAdmin(caller: CallerIdentity): void {
  if (caller.role !== 'admin') throw new ForbiddenError('Only admin keys may do this.').vi('Chỉ khóa quản trị được làm việc này.');
}
