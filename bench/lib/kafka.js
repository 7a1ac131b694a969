'use strict';
// What an operator asks the broker after a run: every consumer group's lag, its members and their
// partitions, a whole topic read once, and what sits in the dead-letter topics.
const { randomUUID } = require('node:crypto');
const { AssignerProtocol, Kafka, logLevel } = require('kafkajs');
const { sleep } = require('./common');

function kafkaOf(brokers, clientId = 'bench-inspector') {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 300 } });
}

async function withAdmin(kafka, fn) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Messages per topic: Σ over partitions of high − low watermark. */
async function topicSizes(admin, topics) {
  const out = new Map();
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    out.set(
      topic,
      offsets.reduce((t, p) => t + (Number(p.high) - Number(p.low)), 0),
    );
  }
  return out;
}

/**
 * Every consumer group's lag per topic (messages not yet committed), except groups whose id
 * matches `skip`. A partition the group never committed counts from its low watermark.
 * @returns {Promise<{ groupId: string, topic: string, lag: number }[]>}
 */
async function groupLags(admin, skip = /^$/) {
  const { groups } = await admin.listGroups();
  const ends = new Map();
  const out = [];
  for (const { groupId } of groups) {
    if (skip.test(groupId)) continue;
    const committed = await admin.fetchOffsets({ groupId });
    for (const { topic, partitions } of committed) {
      if (!ends.has(topic)) ends.set(topic, await admin.fetchTopicOffsets(topic));
      let lag = 0;
      for (const end of ends.get(topic)) {
        const c = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        lag += Math.max(0, Number(end.high) - Math.max(c, Number(end.low)));
      }
      out.push({ groupId, topic, lag });
    }
  }
  return out;
}

/**
 * The members of each group and the partitions each was assigned (from the group's own
 * assignment, as `kafka-consumer-groups --describe --members --verbose` shows it).
 * @returns {Promise<{ groupId: string, state: string, members: { memberId: string, clientId: string, host: string, partitions: Record<string, number[]> }[] }[]>}
 */
async function describeGroups(admin, groupIds) {
  const { groups } = await admin.describeGroups(groupIds);
  return groups.map((g) => ({
    groupId: g.groupId,
    state: g.state,
    members: g.members.map((m) => {
      const decoded = m.memberAssignment?.length ? AssignerProtocol.MemberAssignment.decode(m.memberAssignment) : null;
      return { memberId: m.memberId, clientId: m.clientId, host: m.clientHost, partitions: decoded?.assignment ?? {} };
    }),
  }));
}

/**
 * Reads `topic` from the beginning to the high watermarks it has now, with a fresh group.
 * @returns {Promise<import('kafkajs').KafkaMessage[] & { partition?: number }[]>}
 */
async function readWholeTopic(kafka, topic, timeoutMs = 120_000) {
  const ends = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  const messages = [];
  if (remaining.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `bench-reader-${randomUUID()}`, maxWaitTimeInMs: 100, sessionTimeout: 30000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (!remaining.has(partition)) return;
        messages.push({ ...message, partition });
        if (Number(message.offset) + 1 >= remaining.get(partition)) remaining.delete(partition);
      },
    });
    const until = Date.now() + timeoutMs;
    while (remaining.size > 0) {
      if (Date.now() > until) throw new Error(`reading ${topic}: partitions ${[...remaining.keys()].join(', ')} not read to the end`);
      await sleep(100);
    }
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return messages;
}

/** Each dead-lettered message with the reason headers the consumers write (ADR 0003). */
async function deadLetters(kafka) {
  const topics = await withAdmin(kafka, async (admin) => {
    const all = (await admin.listTopics()).filter((t) => t.endsWith('.dlq')).sort();
    return { all, sizes: await topicSizes(admin, all) };
  });
  const found = [];
  for (const topic of topics.all) {
    if (topics.sizes.get(topic) === 0) continue;
    for (const m of await readWholeTopic(kafka, topic)) {
      const h = (k) => m.headers?.[k]?.toString();
      let type = '?';
      try {
        type = JSON.parse(m.value.toString()).type;
      } catch {
        /* malformed: the reason header says so */
      }
      found.push({
        topic,
        type,
        reason: h('dlq-reason'),
        error: h('dlq-error'),
        consumerGroup: h('dlq-consumer-group'),
        original: `${h('dlq-original-topic')}/${h('dlq-original-partition')}@${h('dlq-original-offset')}`,
      });
    }
  }
  return { topics: topics.all, sizes: topics.sizes, messages: found };
}

module.exports = { kafkaOf, withAdmin, topicSizes, groupLags, describeGroups, readWholeTopic, deadLetters };
