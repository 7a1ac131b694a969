export interface MessagingOptions {
  service: string;
  /** Prefix of the event consumer group (KAFKA_GROUP_PREFIX; empty in deployments). */
  groupPrefix?: string;
  transport: 'kafka' | 'in-process';
  brokers: string;
  createTopics: boolean;
  eventPartitions: number;
  rpcPartitions: number;
  /** Partitions whose batches the event consumer applies at once. */
  eventConcurrency: number;
  outboxPollMs: number;
  consumerMaxAttempts: number;
  consumerRetryBaseMs: number;
  /** Topics beyond the contracts' (tests). */
  extraEventTopics?: string[];
  /** Start the outbox relay with the app (off for processes that only consume, e.g. tests). */
  relay?: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
