import type { WebhookEndpointStatus } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import type { WebhookEndpoint } from './webhook-endpoint.entity';

/** Why an endpoint is disabled: its owner said so, the receiver answered 410, or 3 days of failures. */
export type DisabledReason = 'by_owner' | 'gone' | 'failing';

/**
 * The named transitions of an endpoint; nothing else sets its status.
 * - `enable`: its owner turns it on again (the failure streak starts afresh).
 * - `disable`: its owner, or the platform (410, 3 days failing), turns it off.
 */
const TRANSITIONS: Record<'enable' | 'disable', { from: WebhookEndpointStatus; to: WebhookEndpointStatus }> = {
  enable: { from: 'disabled', to: 'enabled' },
  disable: { from: 'enabled', to: 'disabled' },
};

function move(e: WebhookEndpoint, t: keyof typeof TRANSITIONS): void {
  const rule = TRANSITIONS[t];
  if (e.status !== rule.from) throw new IllegalTransitionError('Webhook endpoint', e.status, rule.to);
  e.status = rule.to;
}

export function enableEndpoint(e: WebhookEndpoint): void {
  move(e, 'enable');
  e.disabledReason = null;
  e.failingSince = null;
}

export function disableEndpoint(e: WebhookEndpoint, reason: DisabledReason): void {
  move(e, 'disable');
  e.disabledReason = reason;
}

/** For set-based updates in the repository: the status `disable` starts from and leads to. */
export const DISABLE = TRANSITIONS.disable;
