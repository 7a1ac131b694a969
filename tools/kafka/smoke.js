'use strict';
/**
 * End-to-end check of a running broker with kafkajs:
 *   node tools/kafka/smoke.js [--port N]
 * creates a 3-partition topic, produces 10 keyed messages, consumes them with a consumer group
 * (maxWaitTimeInMs 100, sessionTimeout 10000), checks every one arrived, then deletes the topic.
 * Exit code 1 on failure.
 */

const { Kafka, logLevel, Partitioners } = require('kafkajs');
const { ignoreTimeoutNegativeWarning } = require('./warnings');

ignoreTimeoutNegativeWarning();

const USAGE = 'usage: node tools/kafka/smoke.js [--port N]';

/** @param {string[]} argv */
function portFrom(argv) {
  const i = argv.indexOf('--port');
  const v = i >= 0 ? argv[i + 1] : process.env.KAFKA_PORT || '9092';
  if (!v || !/^\d+$/.test(v)) throw new Error(USAGE);
  return Number(v);
}

async function main() {
  const port = portFrom(process.argv.slice(2));
  const t0 = Date.now();
  const lap = () => `${((Date.now() - t0) / 1000).toFixed(2)} s`;
  const kafka = new Kafka({ clientId: 'kafka-smoke', brokers: [`127.0.0.1:${port}`], logLevel: logLevel.ERROR });
  const run = `${Date.now()}-${process.pid}`;
  const topic = `smoke-${run}`;
  const count = 10;

  const admin = kafka.admin();
  await admin.connect();
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  if (!created) throw new Error(`topic ${topic} already existed`);
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitions = meta.topics[0].partitions.length;
  if (partitions !== 3) throw new Error(`expected 3 partitions, got ${partitions}`);
  console.log(`[${lap()}] created ${topic} with ${partitions} partitions`);

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const sent = Array.from({ length: count }, (_, i) => ({ key: `key-${i}`, value: `message-${i}` }));
  await producer.send({ topic, messages: sent, acks: -1 });
  console.log(`[${lap()}] produced ${count} messages`);

  const consumer = kafka.consumer({ groupId: `smoke-group-${run}`, maxWaitTimeInMs: 100, sessionTimeout: 10_000 });
  /** @type {Map<string, number>} */
  const received = new Map();
  /** @type {Set<number>} */
  const seenPartitions = new Set();
  /** @type {(v?: unknown) => void} */
  let done = () => {};
  const allArrived = new Promise((resolve) => (done = resolve));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const value = String(message.value);
      received.set(value, partition);
      seenPartitions.add(partition);
      if (received.size === count) done();
    },
  });
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`only ${received.size}/${count} messages arrived within 30 s`)), 30_000).unref(),
  );
  await Promise.race([allArrived, timeout]);
  for (const m of sent) if (!received.has(m.value)) throw new Error(`missing ${m.value}`);
  console.log(`[${lap()}] consumed all ${count} messages with a consumer group (partitions ${[...seenPartitions].sort().join(',')})`);

  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
  console.log(`[${lap()}] ok`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`smoke test failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
