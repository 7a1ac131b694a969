import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { EventHandlerExplorer } from './consumer/event-handler.explorer';
import { Inbox } from './inbox/inbox';
import { MessagingLifecycle } from './messaging.lifecycle';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { MessagingMetrics } from './metrics/messaging-metrics';
import { Outbox } from './outbox/outbox';
import { InProcessEventTransport } from './transport/in-process-event-transport';
import { instanceClientId } from './transport/group-membership';
import { createKafka } from './transport/kafka-client';
import { EVENT_TRANSPORT } from './transport/event-transport';
import { KafkaEventTransport } from './transport/kafka-event-transport';

/** Outbox, inbox, event consumer and transport for one service. */
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: EVENT_TRANSPORT,
          useFactory: () =>
            options.transport === 'kafka'
              ? new KafkaEventTransport(createKafka(`${options.service}-events`, options.brokers), {
                  partitionsConsumedConcurrently: options.eventConcurrency,
                  clientId: instanceClientId(`${options.service}-events`),
                })
              : new InProcessEventTransport(),
        },
        { provide: Outbox, useValue: new Outbox(`/nongsan/${options.service}`) },
        { provide: Inbox, useFactory: (ds: DataSource) => new Inbox(ds), inject: [DataSource] },
        EventHandlerExplorer,
        MessagingLifecycle,
        MessagingMetrics,
      ],
      exports: [EVENT_TRANSPORT, Outbox, Inbox, MESSAGING_OPTIONS, MessagingLifecycle],
    };
  }
}
