import { Logger } from '@nestjs/common';
import {
  ServerKafka,
  type IncomingRequest,
  type KafkaContext,
  type KafkaOptions,
  type OutgoingResponse,
  type ReadPacket,
} from '@nestjs/microservices';
import type { EachBatchPayload, KafkaMessage, RecordMetadata } from 'kafkajs';
import { rpcRequestTopic, type RpcService } from '@app/contracts';
import { counter, histogram, SerializedReply } from '@app/platform';
import { InFlightOffsets } from './in-flight-offsets';
import { evictPredecessors } from '../transport/group-membership';
import { OffsetCommitter } from './offset-committer';
import { ProduceBatcher } from './produce-batcher';
import { headerText, RpcHeaders } from './rpc-headers';
import { Semaphore } from './semaphore';

export interface KafkaRpcServerConfig {
  service: RpcService;
  /** Requests handled at once by this process, across all partitions it holds. */
  concurrency: number;
  /** Partitions of the request topic: they are fetched concurrently. */
  partitions: number;
}

/** The pattern comes from its header (all of a service's patterns share one topic). */
class RpcRequestDeserializer {
  deserialize(message: { value?: unknown; headers?: Record<string, unknown> }, options?: { channel?: string }): IncomingRequest {
    const pattern = headerText(message.headers?.[RpcHeaders.pattern]) ?? options?.channel;
    return { pattern, data: message.value } as unknown as IncomingRequest;
  }
}

/**
 * @nestjs/microservices' Kafka server, reshaped for throughput:
 * - one request topic per service (`<service>.rpc`), the pattern in a header;
 * - the requests of a fetched batch are handled concurrently (up to `concurrency` per process)
 *   instead of one at a time per partition, and the next fetch does not wait for them; offsets
 *   are committed up to the first unfinished request (a crash re-delivers unfinished requests to
 *   the next owner of the partition);
 * - a request whose caller's deadline has passed is skipped: the gateway already answered 504, and
 *   working through a backlog of abandoned requests is how an overloaded service never recovers;
 * - replies produced in the same tick leave in one produce request.
 */
export class KafkaRpcServer extends ServerKafka {
  private readonly rpcLogger = new Logger(KafkaRpcServer.name);
  private readonly slots: Semaphore;
  /**
   * Replies are not acknowledged by the broker (acks 0): a reply that does not arrive is a caller
   * that times out whether or not the failure is reported here (the operation itself is kept
   * under its key, ADR 0007), and the acknowledgement would be one more broker response and wake-up
   * per request — on these machines each costs more than the reply's own JavaScript (ADR 0003).
   */
  private readonly replies = new ProduceBatcher(
    () => {
      if (!this.producer) throw new Error('the RPC server is not connected');
      return this.producer;
    },
    { acks: 0 },
  );
  private readonly committer = new OffsetCommitter(() => this.consumer);
  private readonly inFlight = new InFlightOffsets();
  private readonly running = new Set<Promise<void>>();
  private closing = false;
  /** Partitions of the request topic assigned to this instance; undefined while it is not a member (joining, rebalancing, stopped). */
  private assigned?: number;
  private readonly expired = counter('rpc_requests_expired_total', 'Requests skipped because their caller had given up', ['service']);
  private readonly failedReplies = counter('rpc_replies_failed_total', 'Replies that could not be produced', ['service']);
  private readonly duration = histogram('rpc_request_duration_seconds', 'Time from a request being fetched to its handler finishing', [
    'service',
  ]);

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly config: KafkaRpcServerConfig,
  ) {
    super({ ...options, deserializer: new RpcRequestDeserializer() });
    this.slots = new Semaphore(config.concurrency);
  }

  override async bindEvents(consumer: Parameters<ServerKafka['bindEvents']>[0]): Promise<void> {
    const kafkaConsumer = consumer;
    if (this.client) await evictPredecessors(this.client, this.groupId, this.clientId);
    const topic = rpcRequestTopic(this.config.service);
    const { GROUP_JOIN, REBALANCING, CRASH, STOP } = kafkaConsumer.events;
    kafkaConsumer.on(GROUP_JOIN, (e) => (this.assigned = e.payload.memberAssignment[topic]?.length ?? 0));
    for (const away of [REBALANCING, CRASH, STOP]) kafkaConsumer.on(away, () => (this.assigned = undefined));
    await kafkaConsumer.subscribe({ topics: [rpcRequestTopic(this.config.service)], fromBeginning: true });
    await kafkaConsumer.run({
      partitionsConsumedConcurrently: this.config.partitions,
      autoCommit: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    this.committer.start();
  }

  /**
   * Readiness: this instance is a member of its service's request group, with the partitions it
   * was assigned (0 is a member with nothing to do: more instances than partitions). Not ready while
   * it joins, during a rebalance and once it stopped.
   */
  membership(): Promise<Record<string, unknown>> {
    if (this.assigned === undefined || this.closing)
      return Promise.reject(new Error('not a member of its request group (joining, rebalancing or stopping)'));
    return Promise.resolve({ group: this.groupId, partitions: this.assigned });
  }

  /**
   * Starts each request of the batch as soon as a slot is free and returns without waiting for
   * them: kafkajs fetches again only after `eachBatch` returns, so waiting here would hold every
   * request that arrives meanwhile in the broker until the batch's slowest handler is done. The slots are
   * the back-pressure (a full house stops the fetching); offsets are committed up to the first
   * request not yet answered (InFlightOffsets), so a crash still re-delivers unfinished ones.
   */
  private async handleBatch({ batch, heartbeat, pause }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) this.inFlight.started(batch.topic, batch.partition, message.offset);
    for (const message of batch.messages) {
      const release = await this.slots.acquire();
      if (this.closing) {
        // Not started, not committed: the partition's next owner handles it.
        release();
        break;
      }
      const task = (async () => {
        try {
          await this.handleRequest(batch.topic, batch.partition, message, heartbeat, pause);
        } catch (e) {
          // A request that cannot even be parsed must not stop the partition; its caller times out.
          this.rpcLogger.error({ err: e, offset: message.offset }, 'request could not be handled');
        } finally {
          release();
          this.committer.resumeAt(batch.topic, batch.partition, this.inFlight.finished(batch.topic, batch.partition, message.offset));
        }
        await heartbeat().catch(() => undefined);
      })()
        // Nobody awaits the task: nothing it throws may become an unhandled rejection.
        .catch((e: unknown) => this.rpcLogger.error({ err: e, offset: message.offset }, 'request bookkeeping failed'))
        .finally(() => this.running.delete(task));
      this.running.add(task);
    }
  }

  /**
   * A graceful stop (SIGTERM, a rolling restart): no request is fetched or started any more, the
   * ones running finish and their replies go out, their offsets are committed, and only then does
   * the consumer leave the group — at once, so the partitions move to the other instances without
   * waiting for a session to time out. Requests fetched but not started stay uncommitted and are
   * handled by the partition's next owner.
   */
  override async close(): Promise<void> {
    this.closing = true;
    try {
      this.consumer?.pause([{ topic: rpcRequestTopic(this.config.service) }]);
    } catch {
      // Not running (never started, or the broker connection is gone): nothing is being fetched.
    }
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await this.committer.stop();
    await super.close();
  }

  private async handleRequest(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    pause: () => () => void,
  ): Promise<void> {
    const deadline = Number(headerText(message.headers?.[RpcHeaders.deadline]));
    if (Number.isFinite(deadline) && Date.now() > deadline) {
      this.expired.inc({ service: this.config.service });
      return;
    }
    const end = this.duration.startTimer({ service: this.config.service });
    try {
      await this.handleMessage({ topic, partition, message, heartbeat, pause });
    } finally {
      end();
    }
  }

  override async sendMessage(
    message: OutgoingResponse,
    replyTopic: string,
    replyPartition: string | undefined | null,
    correlationId: string,
    context: KafkaContext,
  ): Promise<RecordMetadata[]> {
    // A reply kept serialized (a cached page) goes out as its bytes: no JSON.stringify per request.
    const response: unknown = message.response instanceof SerializedReply ? message.response.bytes : message.response;
    const outgoing = (await this.serializer.serialize(response as OutgoingResponse)) as Parameters<ServerKafka['assignErrorHeader']>[1];
    this.assignReplyPartition(replyPartition, outgoing);
    this.assignCorrelationIdHeader(correlationId, outgoing);
    this.assignErrorHeader(message, outgoing);
    this.assignIsDisposedHeader(message, outgoing);
    if (message.response instanceof SerializedReply) {
      (outgoing as { headers: Record<string, string> }).headers[RpcHeaders.replyVersion] = message.response.version;
    }
    try {
      await this.replies.send(replyTopic, outgoing);
    } catch (e) {
      // Nest sends replies from a fire-and-forget tick: a throw here would be an unhandled rejection
      // and take the process down (while the broker restarts, say). The caller times out (504) and may
      // retry; what the request created is kept under its operation key (ADR 0007).
      this.failedReplies.inc({ service: this.config.service });
      this.rpcLogger.warn({ err: e, correlationId }, 'reply could not be produced');
    } finally {
      this.onProcessingEndHook?.(this.transportId, context);
    }
    return [];
  }

  /**
   * Our patterns are plain strings from a header (`catalog.products.get`). Nest's version first
   * tries JSON.parse on every request's pattern and catches the SyntaxError: a thrown exception
   * per request, 2.5 % of the catalog's CPU at 300 requests/s. JSON-looking patterns still go the
   * long way.
   */
  protected override getRouteFromPattern(pattern: string): string {
    if (typeof pattern === 'string' && !/^\s*[[{"]/.test(pattern)) return this.normalizePattern(pattern);
    return super.getRouteFromPattern(pattern);
  }

  /** Patterns handled here but events are not: requests only. */
  override handleEvent(pattern: string, _packet: ReadPacket, _context: KafkaContext): Promise<void> {
    this.rpcLogger.warn(`ignoring a message without a reply topic (pattern ${pattern})`);
    return Promise.resolve();
  }
}
