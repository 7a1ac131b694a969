import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { createKafka } from '../transport/kafka-client';
import { kafkaBacklog, type KafkaBacklog } from './consumer-lag';
import { outboxBacklog } from './outbox-backlog';
import { polledGauge } from '@app/platform';

const outboxUnsent = () => polledGauge('outbox_unsent_events', 'Events committed to the outbox and not yet published', ['service']);
const outboxAge = () =>
  polledGauge('outbox_oldest_unsent_age_seconds', 'Age of the oldest unpublished outbox event (0 when none waits)', ['service']);
const consumerLag = () =>
  polledGauge('kafka_consumer_group_lag', 'Messages after the consumer group’s committed offsets, summed over partitions', [
    'group',
    'topic',
  ]);
const dlqMessages = () => polledGauge('kafka_dlq_messages', 'Messages held in a dead-letter topic (<topic>.dlq)', ['topic']);

/** One Kafka read serves both gauges of a scrape. */
const BACKLOG_TTL_MS = 1000;

/**
 * A service's messaging backlog as Prometheus reads it at each scrape: its outbox (unsent events,
 * oldest age) from its database, and — on Kafka — its consumer groups' lag and their DLQs' depth
 * from the broker. Every instance of a service reports the same figures: aggregate with max, not sum.
 */
@Injectable()
export class MessagingMetrics implements OnModuleInit, OnApplicationShutdown {
  private admin?: Admin;
  private connected?: Promise<void>;
  private cached?: { at: number; backlog: Promise<KafkaBacklog> };

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const service = this.options.service;
    const outbox = () => outboxBacklog(this.dataSource);
    outboxUnsent().set(service, async () => [{ labels: { service }, value: (await outbox()).unsent }]);
    outboxAge().set(service, async () => [{ labels: { service }, value: (await outbox()).oldestAgeSeconds }]);
    if (this.options.transport !== 'kafka') return;
    this.admin = createKafka(`${service}-metrics`, this.options.brokers).admin();
    consumerLag().set(service, async () =>
      (await this.backlog()).lags.map((l) => ({ labels: { group: l.group, topic: l.topic }, value: l.lag })),
    );
    dlqMessages().set(service, async () =>
      (await this.backlog()).deadLetters.map((d) => ({ labels: { topic: d.topic }, value: d.messages })),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const g of [outboxUnsent(), outboxAge(), consumerLag(), dlqMessages()]) g.delete(this.options.service);
    if (this.connected) await this.admin?.disconnect().catch(() => undefined);
  }

  private backlog(): Promise<KafkaBacklog> {
    if (this.cached && Date.now() - this.cached.at < BACKLOG_TTL_MS) return this.cached.backlog;
    const admin = this.admin!;
    this.connected ??= admin.connect().catch((e: unknown) => {
      this.connected = undefined;
      throw e;
    });
    const backlog = this.connected.then(() => kafkaBacklog(admin, `${this.options.service}.`));
    this.cached = { at: Date.now(), backlog };
    return backlog;
  }
}
