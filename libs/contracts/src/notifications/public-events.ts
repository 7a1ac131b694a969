/**
 * The public event types partners, storefronts and carriers receive by webhook and read from
 * `GET /v1/events` (API.md, "Webhooks and the event feed"). Names are fixed by the contract.
 */
export const PublicEventTypes = [
  'order.created',
  'order.status_changed',
  'sub_order.awaiting_seller',
  'sub_order.accepted',
  'sub_order.declined',
  'sub_order.expired',
  'shipment.status_changed',
  'remittance.reconciled',
  'payout.paid',
  'product.suspended',
  'webhook.test',
] as const;
export type PublicEventType = (typeof PublicEventTypes)[number];

/** Who receives an event: a partner (its id), a storefront (its API key id) or a carrier (its code). */
export const EventOwnerRoles = ['partner', 'storefront', 'carrier'] as const;
export type EventOwnerRole = (typeof EventOwnerRoles)[number];

export interface EventOwner {
  role: EventOwnerRole;
  id: string;
}

/**
 * The body of a delivery and of a feed item (Standard Webhooks): `id` is the same on every retry
 * and in the feed; `data.sequence` increases per resource (per order for order, sub-order and
 * shipment events) in the order the platform applied the changes.
 */
export interface PublicEvent<D = Record<string, unknown>> {
  id: string;
  type: PublicEventType;
  /** ISO 8601 with offset: when the change happened. */
  timestamp: string;
  data: D & { sequence: number };
}
