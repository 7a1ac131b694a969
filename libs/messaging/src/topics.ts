import { Logger } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import {
  ALL_EVENT_TOPICS,
  deadLetterTopic,
  RPC_PATTERNS_BY_SERVICE,
  RPC_REPLY_TOPIC,
  rpcRequestTopic,
  type RpcService,
} from '@app/contracts';

export interface TopicPlan {
  topic: string;
  numPartitions: number;
}

/** Every topic the system uses: events and their DLQs, each service's request topic, the reply topic. */
export function topicPlan(eventPartitions: number, rpcPartitions: number, extraEventTopics: string[] = []): TopicPlan[] {
  const events = [...ALL_EVENT_TOPICS, ...extraEventTopics];
  return [
    ...events.map((topic) => ({ topic, numPartitions: eventPartitions })),
    ...events.map((topic) => ({ topic: deadLetterTopic(topic), numPartitions: 1 })),
    ...(Object.keys(RPC_PATTERNS_BY_SERVICE) as RpcService[]).map((s) => ({ topic: rpcRequestTopic(s), numPartitions: rpcPartitions })),
    { topic: RPC_REPLY_TOPIC, numPartitions: rpcPartitions },
  ];
}

/** Creates the missing topics (idempotent; safe when several processes do it at once). */
export async function ensureTopics(kafka: Kafka, plan: TopicPlan[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = plan.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      try {
        await admin.createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: -1 })), waitForLeaders: true });
      } catch (e) {
        // Another process may have created some of them in the meantime; only fail if still missing.
        const now = new Set(await admin.listTopics());
        const still = missing.filter((t) => !now.has(t.topic));
        if (still.length > 0) throw e;
        new Logger('Topics').debug(`topics created concurrently: ${missing.map((t) => t.topic).join(', ')}`);
      }
    }
    // Topics another process has just created may not have their leaders yet (its createTopics
    // waited for them, ours did not): a consumer or producer started then met "This server does
    // not host this topic-partition" and the service exited at start (seen on a fresh broker with
    // four services starting at once).
    await waitForLeaders(
      admin,
      plan.map((t) => t.topic),
    );
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}

/** Resolves once every partition of `topics` has a leader (at most `timeoutMs`, then throws). */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const led = await admin
      .fetchTopicMetadata({ topics })
      .then((m) => m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
      .catch(() => false);
    if (led) return;
    if (Date.now() > deadline) throw new Error(`topics without a leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
