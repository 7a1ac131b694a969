import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@app/platform';
import { EventDispatcher } from './consumer/event-dispatcher';
import { EventHandlerExplorer } from './consumer/event-handler.explorer';
import { Inbox } from './inbox/inbox';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox-relay';
import { ensureTopics, topicPlan } from './topics';
import { createKafka } from './transport/kafka-client';
import { EVENT_TRANSPORT, type EventTransport, type Subscription } from './transport/event-transport';

/**
 * Starts what makes events flow for a service: topics (Kafka), the consumer of its @OnEvent
 * handlers, and the outbox relay; stops them before the database closes.
 */
@Injectable()
export class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MessagingLifecycle.name);
  private subscription?: Subscription;
  readonly relay: OutboxRelay;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    private readonly dataSource: DataSource,
    private readonly explorer: EventHandlerExplorer,
    private readonly health: HealthRegistry,
  ) {
    this.relay = new OutboxRelay(dataSource, transport, { service: options.service, pollMs: options.outboxPollMs });
  }

  async onModuleInit(): Promise<void> {
    this.health.register(this.transport.kind === 'kafka' ? 'kafka' : 'transport', () => this.transport.probe());
    if (this.transport.kind === 'kafka' && this.options.createTopics) {
      const kafka = createKafka(`${this.options.service}-admin`, this.options.brokers);
      const created = await ensureTopics(
        kafka,
        topicPlan(this.options.eventPartitions, this.options.rpcPartitions, this.options.extraEventTopics),
      );
      if (created.length > 0) this.logger.log(`created ${created.length} topics`);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const bindings = this.explorer.bindings(this.options.service);
    if (bindings.length > 0) {
      const groupId = `${this.options.groupPrefix ?? ''}${this.options.service}.events`;
      const dispatcher = new EventDispatcher(new Inbox(this.dataSource), this.transport, bindings, {
        service: this.options.service,
        groupId,
        maxAttempts: this.options.consumerMaxAttempts,
        retryBaseMs: this.options.consumerRetryBaseMs,
      });
      this.subscription = await this.transport.subscribe({
        groupId,
        topics: dispatcher.topics(),
        handle: (records, heartbeat) => dispatcher.handleBatch(records, heartbeat),
      });
    }
    if (this.options.relay !== false) this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.subscription?.close();
    await this.transport.close();
  }
}
