import type { PageRequest } from '../page';
import type { PublicEventType } from './public-events';

export const WebhookEndpointStatuses = ['enabled', 'disabled'] as const;
export type WebhookEndpointStatus = (typeof WebhookEndpointStatuses)[number];

export const DeliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DeliveryStatuses)[number];

export interface CreateWebhookEndpointRequest {
  url: string;
  eventTypes: PublicEventType[];
  description?: string;
}

export interface UpdateWebhookEndpointRequest {
  id: string;
  url?: string;
  eventTypes?: PublicEventType[];
  description?: string;
  status?: WebhookEndpointStatus;
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  eventTypes: PublicEventType[];
  description: string | null;
  status: WebhookEndpointStatus;
  /** Why the platform disabled it (`gone`: the receiver answered 410; `failing`: 3 days of failures), null otherwise. */
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Answer to creation and rotation: the signing secret, shown this once. */
export interface WebhookEndpointWithSecret extends WebhookEndpointView {
  secret: string;
}

/** One attempt (made or due) to deliver one event to one endpoint. */
export interface DeliveryAttemptView {
  eventId: string;
  type: PublicEventType;
  attempt: number;
  status: DeliveryStatus;
  httpStatus: number | null;
  durationMs: number | null;
  /** The first 1 KB of the receiver's answer, as text (never rendered as HTML). */
  responseSnippet: string | null;
  error: string | null;
  attemptedAt: string | null;
  nextAttemptAt: string | null;
}

export interface ListDeliveriesRequest extends PageRequest {
  id: string;
}

export interface ReplayRequest {
  id: string;
  since: string;
  until?: string;
  onlyFailed?: boolean;
}

export interface TestDeliveryRequest {
  id: string;
  /** A sample of this type is sent; default `webhook.test`. */
  type?: PublicEventType;
}

export interface ListEventsRequest {
  limit: number;
  after?: string;
  types?: PublicEventType[];
}
