import { Logger } from '@nestjs/common';
import { CompressionTypes, type Consumer, type Kafka, type Producer } from 'kafkajs';
import { evictPredecessors } from './group-membership';
import { LOW_LATENCY_CONSUMER, probeKafka } from './kafka-client';
import type { EventTransport, IncomingRecord, OutgoingRecord, Subscription, SubscriptionSpec } from './event-transport';

const JOIN_WAIT_MS = 30000;
/** Most messages handed to the handler at once (one database transaction in the dispatcher). */
const MAX_HANDLER_BATCH = 200;

function headersOf(raw: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (v === undefined) continue;
    const first: unknown = Array.isArray(v) ? v[0] : v;
    out[k] = Buffer.isBuffer(first) ? first.toString('utf8') : typeof first === 'string' ? first : JSON.stringify(first);
  }
  return out;
}

/** Events over a real Kafka broker (kafkajs). */
export class KafkaEventTransport implements EventTransport {
  readonly kind = 'kafka' as const;
  private readonly logger = new Logger(KafkaEventTransport.name);
  private producer?: Producer;
  private producerReady?: Promise<Producer>;
  private readonly consumers = new Set<Consumer>();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: {
      partitionsConsumedConcurrently?: number;
      /** The kafka client's id (kafka-client.ts names the instance in it): a restart removes its earlier members. */
      clientId?: string;
    } = {},
  ) {}

  private async getProducer(): Promise<Producer> {
    this.producerReady ??= (async () => {
      // Idempotent with one request in flight: retries never duplicate or reorder within a partition.
      const p = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await p.connect();
      this.producer = p;
      return p;
    })().catch((e: unknown) => {
      this.producerReady = undefined;
      throw e;
    });
    return this.producerReady;
  }

  async publish(records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const producer = await this.getProducer();
    const byTopic = new Map<string, OutgoingRecord[]>();
    for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    await producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic.entries()].map(([topic, rs]) => ({
        topic,
        messages: rs.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      })),
    });
  }

  async subscribe(spec: SubscriptionSpec): Promise<Subscription> {
    const consumer = this.kafka.consumer({ groupId: spec.groupId, ...LOW_LATENCY_CONSUMER });
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    await consumer.connect();
    if (this.options.clientId) await evictPredecessors(this.kafka, spec.groupId, this.options.clientId);
    await consumer.subscribe({ topics: spec.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const { topic, partition } = batch;
        for (let i = 0; i < batch.messages.length && isRunning() && !isStale(); i += MAX_HANDLER_BATCH) {
          const chunk = batch.messages.slice(i, i + MAX_HANDLER_BATCH);
          const records = chunk.map((message): IncomingRecord => ({
            topic,
            partition,
            offset: message.offset,
            key: message.key ? message.key.toString('utf8') : null,
            value: message.value,
            headers: headersOf(message.headers),
          }));
          await spec.handle(records, heartbeat);
          resolveOffset(chunk[chunk.length - 1].offset);
          await heartbeat();
        }
      },
    });
    this.consumers.add(consumer);
    // Ready means consuming: wait for the group join so no caller races the first assignment.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([joined, new Promise((r) => (timer = setTimeout(r, JOIN_WAIT_MS)))]);
    clearTimeout(timer);
    return {
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  probe(): Promise<Record<string, unknown>> {
    return probeKafka(this.kafka);
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect().catch((e: unknown) => this.logger.warn({ err: e }, 'consumer close'))));
    this.consumers.clear();
    if (this.producer) await this.producer.disconnect();
    this.producer = undefined;
    this.producerReady = undefined;
  }
}
