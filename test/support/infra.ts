import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ensureDatabase, runMigrations, serviceDataSourceOptions, type ServiceDataSourceOptions } from '@app/persistence';

/** This run's id (set by the global setup); every database and topic a test makes carries it. */
export function runId(): string {
  const id = process.env.TEST_RUN_ID;
  if (!id) throw new Error('TEST_RUN_ID is unset: run the suite with `npm test`');
  return id;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${uuidv7().replace(/-/g, '').slice(-12)}`;
}

/** A fresh database of this run, migrated with the given migrations. */
export async function migratedDataSource(name: string, o: Omit<ServiceDataSourceOptions, 'url'>): Promise<DataSource> {
  const server = new URL(process.env.DATABASE_URL!);
  server.pathname = `/${runId()}_${name}`;
  const url = server.toString();
  await ensureDatabase(url);
  const ds = await new DataSource(serviceDataSourceOptions({ ...o, url })).initialize();
  await runMigrations(ds);
  return ds;
}

export function testKafka(clientId = 'test'): Kafka {
  return new Kafka({ clientId, brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
}

export async function createTopics(kafka: Kafka, topics: string[], numPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // A broker that has just started is still electing leaders for the services' topics; its
    // retriable answers ("does not host this topic-partition") are retried, not fatal.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions })), waitForLeaders: true });
        return;
      } catch (e) {
        if (attempt >= 20 || !(e as { retriable?: boolean }).retriable) throw e;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads `topic` from the beginning with a fresh consumer group until `count` messages arrived
 * and then `settleMs` passed with nothing new (so "exactly N" is checked, not "at least N").
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
  o: { timeoutMs?: number; settleMs?: number } = {},
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 50, sessionTimeout: 10000 });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let last = Date.now();
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push(message);
      last = Date.now();
    },
  });
  const until = Date.now() + (o.timeoutMs ?? 30000);
  const settle = o.settleMs ?? 1000;
  while (Date.now() < until && !(messages.length >= count && Date.now() - last >= settle)) {
    await new Promise((r) => setTimeout(r, 50));
  }
  await consumer.disconnect();
  return messages;
}

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
