/** A message on its way to a topic. */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** A message as a consumer receives it. */
export interface IncomingRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface SubscriptionSpec {
  /** Consumer group: instances of one service share the work, other services get their own copy. */
  groupId: string;
  topics: string[];
  /**
   * Handles consecutive messages of one partition, in order. Resolving means "all done, move on"
   * (the offsets may be committed); rejecting means "not handled": the same messages come again.
   */
  handle(records: IncomingRecord[], heartbeat: () => Promise<void>): Promise<void>;
}

export interface Subscription {
  close(): Promise<void>;
}

/**
 * Where events go and come from: a real Kafka broker, or the in-process bus of the quick start.
 * Both deliver at least once, in order per key.
 */
export interface EventTransport {
  readonly kind: 'kafka' | 'in-process';
  /** Resolves once every record is durably accepted, in the given order per key. */
  publish(records: OutgoingRecord[]): Promise<void>;
  subscribe(spec: SubscriptionSpec): Promise<Subscription>;
  /** Throws with the reason when the transport cannot be reached. */
  probe(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');
