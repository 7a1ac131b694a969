import type { Topic } from './topics';

/** A CloudEvents 1.0 envelope (structured JSON mode) as every message on our topics is. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  /** UUID v7: unique, and time-ordered so logs and inboxes sort naturally. */
  id: string;
  /** The emitting service, e.g. `/nongsan/orders`. */
  source: string;
  /** `<context>.<entity>.<happened>.v<N>`, e.g. `orders.order.placed.v1`. */
  type: string;
  /** The aggregate id; also the Kafka key, so one aggregate's events stay in order. */
  subject: string;
  /** When it happened, ISO 8601 in UTC. */
  time: string;
  datacontenttype: 'application/json';
  data: T;
}

/** `<context>.<entity>.<happened>.v<N>` in lower case. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** A typed handle on one event type: which topic carries it and what its data is. */
export interface EventDefinition<T> {
  readonly type: string;
  /** A `Topic`, or a test topic. */
  readonly topic: string;
  /** Phantom field carrying the data type; never set at run time. */
  readonly _data?: T;
}

export function defineEvent<T>(type: string, topic: Topic): EventDefinition<T>;
export function defineEvent<T>(type: string, topic: string): EventDefinition<T>;
export function defineEvent<T>(type: string, topic: string): EventDefinition<T> {
  if (!EVENT_TYPE_PATTERN.test(type)) throw new Error(`event type "${type}" does not follow <context>.<entity>.<happened>.v<N>`);
  return { type, topic };
}

/** The data of an event definition: `EventData<typeof OrderPlacedV1>`. */
export type EventData<D> = D extends EventDefinition<infer T> ? T : never;

/** The envelope of an event definition as a handler receives it: `EventOf<typeof OrderPlacedV1>`. */
export type EventOf<D> = CloudEvent<EventData<D>>;
