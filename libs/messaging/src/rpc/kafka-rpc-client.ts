import {
  ClientKafka,
  KafkaHeaders,
  type IncomingResponse,
  type KafkaOptions,
  type ReadPacket,
  type WritePacket,
} from '@nestjs/microservices';
import type { EachMessagePayload, Message } from 'kafkajs';
import { RPC_REPLY_TOPIC, rpcRequestTopic, serviceOfPattern } from '@app/contracts';
import { VersionedReply } from '@app/platform';
import { OffsetCommitter } from './offset-committer';
import { ProduceBatcher } from './produce-batcher';
import { headerText, RpcHeaders } from './rpc-headers';

export interface KafkaRpcClientConfig {
  /** How long a caller waits; sent as the request's deadline so a late request is skipped. */
  timeoutMs: number;
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

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly config: KafkaRpcClientConfig,
  ) {
    super(options);
    this.subscribeToResponseOf(RPC_REPLY_TOPIC);
  }

  protected override getResponsePatternName(): string {
    return RPC_REPLY_TOPIC;
  }

  override subscribeToResponseOf(pattern: unknown): void {
    // Every pattern's reply arrives on the same topic: subscribe once.
    if (this.responsePatterns.length === 0) super.subscribeToResponseOf(pattern);
  }

  /** Replies are read in batches and their offsets committed once a second (see OffsetCommitter). */
  override async bindTopics(): Promise<void> {
    const consumer = this.consumer;
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

  protected override publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => unknown): () => void {
    const packet = this.assignPacketId(partialPacket);
    const cleanup = () => this.routingMap.delete(packet.id);
    const fail = (err: unknown) => {
      cleanup();
      callback({ err });
    };
    try {
      const pattern = this.normalizePattern(partialPacket.pattern as string);
      const service = serviceOfPattern(pattern);
      if (!service) throw new Error(`no service answers ${pattern}`);
      const replyPartition = this.getReplyTopicPartition(RPC_REPLY_TOPIC);
      this.routingMap.set(packet.id, callback);
      Promise.resolve(this.serializer.serialize(packet.data as unknown as Parameters<typeof this.serializer.serialize>[0], { pattern }))
        .then((serialized: Message & { headers: Record<string, string> }) => {
          serialized.headers[KafkaHeaders.CORRELATION_ID] = packet.id;
          serialized.headers[KafkaHeaders.REPLY_TOPIC] = RPC_REPLY_TOPIC;
          serialized.headers[KafkaHeaders.REPLY_PARTITION] = replyPartition;
          serialized.headers[RpcHeaders.pattern] = pattern;
          serialized.headers[RpcHeaders.deadline] = String(Date.now() + this.config.timeoutMs);
          return this.requests.send(rpcRequestTopic(service), serialized);
        })
        .catch(fail);
      return cleanup;
    } catch (err) {
      fail(err);
      return () => undefined;
    }
  }
}
