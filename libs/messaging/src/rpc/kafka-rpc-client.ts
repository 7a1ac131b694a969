import {
  ClientKafka,
  KafkaHeaders,
  type IncomingResponse,
  type KafkaOptions,
  type ReadPacket,
  type WritePacket,
} from '@nestjs/microservices';
import type { EachMessagePayload, Message } from 'kafkajs';
import { mayRepeat, RPC_PATTERNS_BY_SERVICE, RPC_REPLY_TOPIC, rpcRequestTopic, serviceOfPattern, type RpcService } from '@app/contracts';
import { counter, VersionedReply } from '@app/platform';
import { evictPredecessors } from '../transport/group-membership';
import { OffsetCommitter } from './offset-committer';
import { PartitionRoutes } from './partition-routes';
import { ProduceBatcher } from './produce-batcher';
import { headerText, RpcHeaders } from './rpc-headers';

export interface KafkaRpcClientConfig {
  /** How long a caller waits; sent as the request's deadline so a late request is skipped. */
  timeoutMs: number;
  /** Partitions of the services' request topics (KAFKA_RPC_PARTITIONS): requests go to each in turn. */
  partitions: number;
  /**
   * An unanswered request that may be repeated is looked at after this long, and again every
   * `hedgeMs` until its deadline: if its partition has answered nothing since it was sent while
   * another partition has, a copy goes to that one (PartitionRoutes). 0: never.
   */
  hedgeMs: number;
}

/** Copies of one request sent to other partitions, at most. */
const MAX_COPIES = 2;

interface Outstanding {
  topic: string;
  partition: number;
  timer?: NodeJS.Timeout;
}

/**
 * @nestjs/microservices' Kafka client speaking to {@link KafkaRpcServer}: a request goes to its
 * service's topic with the pattern and a deadline in headers; every reply comes back on the one
 * reply topic, on the partition this instance was assigned. Requests sent in the same tick leave
 * in one produce request.
 */
export class KafkaRpcClient extends ClientKafka {
  private readonly requests = new ProduceBatcher(() => this.producer);
  private readonly committer = new OffsetCommitter(() => this._consumer);
  private readonly routes: PartitionRoutes;
  private readonly outstanding = new Map<string, Outstanding>();
  private readonly rerouted = counter(
    'gateway_rpc_rerouted_total',
    'Requests sent again to another partition because theirs stopped answering',
    ['service'],
  );

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly config: KafkaRpcClientConfig,
  ) {
    super(options);
    this.routes = new PartitionRoutes(Math.max(1, config.partitions));
    this.subscribeToResponseOf(RPC_REPLY_TOPIC);
  }

  protected override getResponsePatternName(): string {
    return RPC_REPLY_TOPIC;
  }

  override subscribeToResponseOf(pattern: unknown): void {
    // Every pattern's reply arrives on the same topic: subscribe once.
    if (this.responsePatterns.length === 0) super.subscribeToResponseOf(pattern);
  }

  /**
   * Resolves after the reply consumer's first fetch: its group starts at the end of the reply topic
   * (kafka-rpc-options.ts), and until a fetch has resolved that position, a reply written meanwhile
   * would be skipped. The client is ready only after it.
   */
  firstFetch: Promise<void> = Promise.resolve();

  /** Replies are read in batches and their offsets committed once a second (see OffsetCommitter). */
  override async bindTopics(): Promise<void> {
    await this.learnPartitions();
    const consumer = this.consumer;
    this.firstFetch = new Promise((resolve) => {
      const off = consumer.on(consumer.events.FETCH, () => {
        off();
        resolve();
      });
    });
    if (this.client) await evictPredecessors(this.client, this.groupId, this.clientId);
    await consumer.subscribe({ ...this.options.subscribe, topics: [RPC_REPLY_TOPIC] });
    const onReply = this.createResponseCallback();
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat, pause }) => {
        for (const message of batch.messages) {
          await onReply({ topic: batch.topic, partition: batch.partition, message, heartbeat, pause });
        }
        if (batch.messages.length > 0) this.committer.handled(batch.topic, batch.partition, batch.lastOffset());
      },
    });
    this.committer.start();
  }

  /**
   * A reply sent from its serialized form (it carries `x-rpc-reply-version`) reaches the caller as
   * a VersionedReply, unparsed: a caller that already answered the same version reuses its answer
   * instead of parsing ~20 KB and serializing them again. Every other reply goes Nest's way.
   */
  override createResponseCallback(): (payload: EachMessagePayload) => Promise<void> {
    const nest = super.createResponseCallback() as (payload: EachMessagePayload) => Promise<void>;
    return async (payload) => {
      const id = headerText(payload.message.headers?.[KafkaHeaders.CORRELATION_ID]);
      const sent = id === undefined ? undefined : this.outstanding.get(id);
      if (sent) {
        this.routes.replied(sent.topic, sent.partition);
        this.forget(id!);
      }
      const version = headerText(payload.message.headers?.[RpcHeaders.replyVersion]);
      const bytes = payload.message.value;
      if (version === undefined || !bytes || !this.parser) return nest(payload);
      // Headers only: the value stays bytes.
      const message = this.parser.parse<{ headers: Record<string, unknown> }>({ ...payload.message, value: null });
      if (message.headers[KafkaHeaders.CORRELATION_ID] === undefined) return;
      const incoming: IncomingResponse = await this.deserializer.deserialize(message);
      const callback = this.routingMap.get(incoming.id) as ((packet: WritePacket) => void) | undefined;
      callback?.({ err: incoming.err as unknown, response: new VersionedReply(version, bytes), isDisposed: incoming.isDisposed ?? true });
    };
  }

  override async close(): Promise<void> {
    await this.committer.stop();
    await super.close();
  }

  /**
   * The services' request topics as the broker has them: requests name their partition, and a topic
   * created earlier with fewer partitions than KAFKA_RPC_PARTITIONS must not be sent past its last.
   * A topic not there yet keeps the configured count (the services create it with that count).
   */
  private async learnPartitions(): Promise<void> {
    if (!this.client) return;
    const admin = this.client.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const topics = (Object.keys(RPC_PATTERNS_BY_SERVICE) as RpcService[]).map(rpcRequestTopic).filter((t) => existing.has(t));
      if (topics.length === 0) return;
      for (const t of (await admin.fetchTopicMetadata({ topics })).topics) this.routes.learn(t.name, t.partitions.length);
    } finally {
      await admin.disconnect();
    }
  }

  private forget(id: string): void {
    const sent = this.outstanding.get(id);
    if (!sent) return;
    clearTimeout(sent.timer);
    this.routes.settled(sent.topic, sent.partition, id);
    this.outstanding.delete(id);
  }

  /**
   * Looks at an unanswered request every `hedgeMs`; when its partition has gone silent, sends a
   * copy to another partition (PartitionRoutes.reroute), at most `MAX_COPIES` times.
   */
  private watch(id: string, topic: string, message: Message, sentAt: number, deadline: number, copies = 0): void {
    const sent = this.outstanding.get(id);
    if (!sent || this.config.hedgeMs <= 0 || copies >= MAX_COPIES || Date.now() + this.config.hedgeMs >= deadline) return;
    sent.timer = setTimeout(() => {
      if (!this.outstanding.has(id)) return;
      const at = Date.now();
      const other = this.routes.reroute(topic, sent.partition, sentAt, at - sentAt);
      if (other === undefined) return this.watch(id, topic, message, sentAt, deadline, copies);
      this.routes.settled(topic, sent.partition, id);
      sent.partition = other;
      this.routes.sent(topic, other, id, at);
      this.rerouted.inc({ service: topic.slice(0, topic.indexOf('.')) });
      this.requests.send(topic, { ...message, partition: other }).catch(() => undefined);
      this.watch(id, topic, message, at, deadline, copies + 1);
    }, this.config.hedgeMs);
    sent.timer.unref();
  }

  protected override publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => unknown): () => void {
    const packet = this.assignPacketId(partialPacket);
    const cleanup = () => {
      this.routingMap.delete(packet.id);
      this.forget(packet.id);
    };
    const fail = (err: unknown) => {
      cleanup();
      callback({ err });
    };
    try {
      const pattern = this.normalizePattern(partialPacket.pattern as string);
      const service = serviceOfPattern(pattern);
      if (!service) throw new Error(`no service answers ${pattern}`);
      const replyPartition = this.getReplyTopicPartition(RPC_REPLY_TOPIC);
      const topic = rpcRequestTopic(service);
      const partition = this.routes.pick(topic);
      const repeatable = mayRepeat(pattern, packet.data);
      this.routingMap.set(packet.id, callback);
      this.outstanding.set(packet.id, { topic, partition });
      this.routes.sent(topic, partition, packet.id, Date.now());
      Promise.resolve(this.serializer.serialize(packet.data as unknown as Parameters<typeof this.serializer.serialize>[0], { pattern }))
        .then((serialized: Message & { headers: Record<string, string> }) => {
          serialized.headers[KafkaHeaders.CORRELATION_ID] = packet.id;
          serialized.headers[KafkaHeaders.REPLY_TOPIC] = RPC_REPLY_TOPIC;
          serialized.headers[KafkaHeaders.REPLY_PARTITION] = replyPartition;
          serialized.headers[RpcHeaders.pattern] = pattern;
          const sentAt = Date.now();
          const deadline = sentAt + this.config.timeoutMs;
          serialized.headers[RpcHeaders.deadline] = String(deadline);
          serialized.partition = partition;
          if (repeatable) this.watch(packet.id, topic, serialized, sentAt, deadline);
          return this.requests.send(topic, serialized);
        })
        .catch(fail);
      return cleanup;
    } catch (err) {
      fail(err);
      return () => undefined;
    }
  }
}
