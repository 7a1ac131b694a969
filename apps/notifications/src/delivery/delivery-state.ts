import type { DeliveryStatus } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import type { Delivery } from './delivery.entity';

/**
 * The named transitions of a delivery; nothing else sets its status.
 * - `succeed`: a 2xx came back.
 * - `scheduleRetry`: it failed and the schedule has another attempt.
 * - `fail`: it failed for good (schedule exhausted, or the endpoint was disabled).
 * - `requeue`: a replay sends it again now.
 */
const TRANSITIONS = {
  succeed: { from: ['pending'], to: 'succeeded' },
  scheduleRetry: { from: ['pending'], to: 'pending' },
  fail: { from: ['pending'], to: 'failed' },
  requeue: { from: ['pending', 'succeeded', 'failed'], to: 'pending' },
} as const satisfies Record<string, { from: readonly DeliveryStatus[]; to: DeliveryStatus }>;

export type DeliveryTransition = keyof typeof TRANSITIONS;

/** The statuses a transition may start from (for set-based updates in the repository). */
export function sourcesOf(t: DeliveryTransition): readonly DeliveryStatus[] {
  return TRANSITIONS[t].from;
}

export function targetOf(t: DeliveryTransition): DeliveryStatus {
  return TRANSITIONS[t].to;
}

/** Applies `t` to `d` (its status and when it is next due), or throws 409 when `d` is not in a state it starts from. */
export function transition(d: Delivery, t: DeliveryTransition, nextAttemptAt: Date | null): Delivery {
  const rule = TRANSITIONS[t];
  if (!(rule.from as readonly DeliveryStatus[]).includes(d.status)) throw new IllegalTransitionError('Delivery', d.status, rule.to);
  d.status = rule.to;
  d.nextAttemptAt = rule.to === 'pending' ? nextAttemptAt : null;
  return d;
}
