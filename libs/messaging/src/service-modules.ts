import type { DynamicModule } from '@nestjs/common';
import { PersistenceModule, serviceDatabaseUrl, type ServiceDataSourceOptions } from '@app/persistence';
import { PlatformModule, type ServiceEnv } from '@app/platform';
import { InboxRecord } from './inbox/inbox-record.entity';
import { MessagingModule } from './messaging.module';
import type { MessagingOptions } from './messaging.options';
import { MessagingTables1763856000000 } from './migrations/messaging-tables.migration';
import { OutboxMessage } from './outbox/outbox-message.entity';

export interface ServiceModulesOptions {
  service: string;
  env: ServiceEnv;
  entities: ServiceDataSourceOptions['entities'];
  migrations: ServiceDataSourceOptions['migrations'];
  messaging?: Partial<MessagingOptions>;
}

/** A service's schema plus the outbox and inbox tables every service has (migrated first). */
export function withMessagingTables(
  schema: Pick<ServiceDataSourceOptions, 'entities' | 'migrations'>,
): Pick<ServiceDataSourceOptions, 'entities' | 'migrations'> {
  return {
    entities: [OutboxMessage, InboxRecord, ...(schema.entities as unknown[])] as ServiceDataSourceOptions['entities'],
    migrations: [MessagingTables1763856000000, ...(schema.migrations as unknown[])] as ServiceDataSourceOptions['migrations'],
  };
}

export function messagingOptionsFromEnv(service: string, env: ServiceEnv): MessagingOptions {
  return {
    service,
    groupPrefix: env.KAFKA_GROUP_PREFIX,
    transport: env.TRANSPORT,
    brokers: env.KAFKA_BROKERS,
    createTopics: env.KAFKA_CREATE_TOPICS,
    eventPartitions: env.KAFKA_EVENT_PARTITIONS,
    rpcPartitions: env.KAFKA_RPC_PARTITIONS,
    eventConcurrency: env.EVENT_CONCURRENCY,
    outboxPollMs: env.OUTBOX_POLL_MS,
    consumerMaxAttempts: env.CONSUMER_MAX_ATTEMPTS,
    consumerRetryBaseMs: env.CONSUMER_RETRY_BASE_MS,
  };
}

/**
 * What every service stands on: logging/health/metrics, its own database (with the outbox and
 * inbox tables migrated first), and messaging.
 */
export function serviceModules(o: ServiceModulesOptions): DynamicModule[] {
  const { entities, migrations } = withMessagingTables(o);
  return [
    PlatformModule.forService({ service: o.service, logLevel: o.env.LOG_LEVEL }),
    PersistenceModule.forService(() => ({
      url: serviceDatabaseUrl(o.env.DATABASE_URL, o.env.DB_NAME_PREFIX, o.service),
      entities,
      migrations,
      poolSize: o.env.DB_POOL_SIZE,
      applicationName: `${o.service}-${o.env.SERVICE_INSTANCE}`,
    })),
    MessagingModule.forService({ ...messagingOptionsFromEnv(o.service, o.env), ...o.messaging }),
  ];
}
