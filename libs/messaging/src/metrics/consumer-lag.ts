import { deadLetterTopic } from '@app/contracts';
import { AssignerProtocol, type Admin } from 'kafkajs';

export interface GroupLag {
  group: string;
  topic: string;
  /** Messages on the topic's partitions after the group's committed offsets. */
  lag: number;
}

export interface KafkaBacklog {
  lags: GroupLag[];
  /** Messages held in the `<topic>.dlq` of each topic the groups consume. */
  deadLetters: { topic: string; messages: number }[];
}

/**
 * What the consumer groups whose id starts with `prefix` (a service's `<service>.` groups) have not
 * yet consumed, read from the broker (committed offsets against high watermarks), so a stuck
 * consumer shows a growing lag even when it fetches nothing; and the depth of their topics' DLQs.
 */
export async function kafkaBacklog(admin: Admin, prefix: string): Promise<KafkaBacklog> {
  const { groups } = await admin.listGroups();
  const ids = groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
  const ends = new Map<string, { partition: number; high: string; low: string }[]>();
  const topicEnds = async (topic: string) => {
    let e = ends.get(topic);
    if (!e) {
      e = await admin.fetchTopicOffsets(topic);
      ends.set(topic, e);
    }
    return e;
  };
  const lags: GroupLag[] = [];
  const consumed = new Set<string>();
  // The topics a group's members subscribe to, so a group that has not committed yet shows its
  // whole backlog rather than nothing; plus those it committed on (no member running: all of them).
  const { groups: described } = ids.length ? await admin.describeGroups(ids) : { groups: [] };
  for (const group of ids) {
    const topics = new Set<string>();
    for (const m of described.find((g) => g.groupId === group)?.members ?? []) {
      for (const t of AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? []) topics.add(t);
    }
    for (const { topic } of await admin.fetchOffsets({ groupId: group })) topics.add(topic);
    if (topics.size === 0) continue;
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group, topics: [...topics] })) {
      consumed.add(topic);
      const byPartition = new Map((await topicEnds(topic)).map((p) => [p.partition, p]));
      let lag = 0;
      for (const { partition, offset } of partitions) {
        const end = byPartition.get(partition);
        if (!end) continue;
        const from = Number(offset) >= 0 ? Number(offset) : Number(end.low);
        lag += Math.max(0, Number(end.high) - from);
      }
      lags.push({ group, topic, lag });
    }
  }
  const existing = new Set(await admin.listTopics());
  const deadLetters: KafkaBacklog['deadLetters'] = [];
  for (const topic of [...consumed].map(deadLetterTopic).filter((t) => existing.has(t))) {
    const messages = (await topicEnds(topic)).reduce((n, p) => n + Math.max(0, Number(p.high) - Number(p.low)), 0);
    deadLetters.push({ topic, messages });
  }
  return { lags, deadLetters };
}
