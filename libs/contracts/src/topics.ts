/**
 * Kafka topics. One topic per bounded context for its domain events; `fulfilment.shipments` is the
 * public contract postal carriers consume (documented in /asyncapi.json).
 */
export const Topics = {
  catalogEvents: 'catalog.events',
  ordersEvents: 'orders.events',
  traceabilityEvents: 'traceability.events',
  settlementEvents: 'settlement.events',
  fulfilmentShipments: 'fulfilment.shipments',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const ALL_EVENT_TOPICS: readonly Topic[] = Object.values(Topics);

/** Where a consumer parks a message it cannot handle after bounded retries. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** The service names, used as CloudEvents `source` and as Kafka client/group ids. */
export const Services = {
  gateway: 'gateway',
  catalog: 'catalog',
  orders: 'orders',
  traceability: 'traceability',
  settlement: 'settlement',
  notifications: 'notifications',
} as const;

export type ServiceName = (typeof Services)[keyof typeof Services];
