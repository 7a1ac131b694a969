import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
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
    if (missing.length === 0) return [];
    try {
      await admin.createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: -1 })), waitForLeaders: true });
    } catch (e) {
      // Another process may have created some of them in the meantime; only fail if still missing.
      const now = new Set(await admin.listTopics());
      const still = missing.filter((t) => !now.has(t.topic));
      if (still.length > 0) throw e;
      new Logger('Topics').debug(`topics created concurrently: ${missing.map((t) => t.topic).join(', ')}`);
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}
