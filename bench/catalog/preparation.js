'use strict';
// Before the catalog benchmark measures: the seed loaded, its events relayed and consumed, the
// databases vacuumed, and the request topics with the partition count of the run.
const path = require('node:path');
const { spawn } = require('node:child_process');
const { Kafka, logLevel } = require('kafkajs');
const { Client } = require('pg');
const { DIST } = require('../../tools/build');

async function waitForOutbox(catalogUrl, timeoutMs) {
  const client = new Client({ connectionString: catalogUrl });
  await client.connect();
  const t0 = Date.now();
  try {
    for (;;) {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      if (rows[0].n === 0) return Date.now() - t0;
      if (Date.now() - t0 > timeoutMs) throw new Error(`outbox still has ${rows[0].n} unsent events after ${timeoutMs} ms`);
      process.stdout.write(`\rrelaying the seed's events to Kafka: ${rows[0].n} left   `);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    process.stdout.write('\n');
    await client.end();
  }
}

/**
 * Waits until every consumer group reading `topic` (the other services' read models of the
 * catalog) has caught up, so their work on the seed's events does not compete with the reads.
 */
async function waitForConsumers(brokers, topic, timeoutMs) {
  const admin = new Kafka({ clientId: 'bench-lag', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const t0 = Date.now();
  try {
    for (;;) {
      const ends = await admin.fetchTopicOffsets(topic);
      const { groups } = await admin.listGroups();
      let lag = 0;
      let readers = 0;
      for (const { groupId } of groups) {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        if (!committed || committed.partitions.every((p) => Number(p.offset) < 0)) continue;
        readers++;
        for (const end of ends) {
          const c = committed.partitions.find((p) => p.partition === end.partition);
          lag += Math.max(0, Number(end.offset) - Math.max(0, Number(c?.offset ?? 0)));
        }
      }
      if (lag === 0) return { ms: Date.now() - t0, readers };
      if (Date.now() - t0 > timeoutMs) throw new Error(`consumers of ${topic} still ${lag} events behind after ${timeoutMs} ms`);
      process.stdout.write(`\r${readers} consumer groups reading ${topic}: ${lag} events behind   `);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    process.stdout.write('\n');
    await admin.disconnect();
  }
}

/** Runs `fn` on a connection to the server's `postgres` database with the names of this run's databases. */
async function withBenchDatabases(serverUrl, prefix, fn) {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}\\_%`]);
    return await fn(
      admin,
      rows.map((r) => r.datname),
    );
  } finally {
    await admin.end();
  }
}

/**
 * The seed and the read models built from its events leave ~100,000 fresh rows in each service's
 * database: autovacuum and the checkpointer then work through them for a minute or so, and the
 * first seconds measured were that clean-up, not reads. Vacuum and checkpoint them first, as a
 * running marketplace would have long since done.
 */
function settleDatabases(serverUrl, prefix) {
  const t0 = Date.now();
  return withBenchDatabases(serverUrl, prefix, async (admin, names) => {
    for (const name of names) {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const db = new Client({ connectionString: url.toString() });
      await db.connect();
      try {
        await db.query('VACUUM (ANALYZE)');
      } finally {
        await db.end();
      }
    }
    await admin.query('CHECKPOINT');
    return { databases: names.length, ms: Date.now() - t0 };
  });
}

/**
 * The request and reply topics with the partition count this run uses. A reused broker keeps the
 * topics of earlier runs, and services create only missing ones. The partition count bounds how
 * many instances share a service's requests; every partition also costs every fetch (kafkajs
 * decodes and dispatches each partition of each fetch response: with six, ~57 % of the catalog's
 * garbage came from kafkajs' fetch loop, and by id p99 was 32.8 ms against 23.4 ms with one).
 * They hold only requests and replies in transit, so dropping them between runs loses nothing.
 * @returns {Promise<number>} how many topics were dropped (the services re-create them)
 */
async function matchRpcPartitions(brokers, partitions) {
  const kafka = new Kafka({ brokers, clientId: 'catalog-read-bench', logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { RPC_PATTERNS_BY_SERVICE, RPC_REPLY_TOPIC, rpcRequestTopic } = require(path.join(DIST, 'libs/contracts/src'));
    const ours = new Set([...Object.keys(RPC_PATTERNS_BY_SERVICE).map(rpcRequestTopic), RPC_REPLY_TOPIC]);
    const rpcTopics = (await admin.listTopics()).filter((t) => ours.has(t));
    if (rpcTopics.length === 0) return 0;
    const { topics } = await admin.fetchTopicMetadata({ topics: rpcTopics });
    const wrong = topics.filter((t) => t.partitions.length !== partitions).map((t) => t.name);
    if (wrong.length === 0) return 0;
    await admin.deleteTopics({ topics: wrong, timeout: 30_000 });
    for (let i = 0; i < 100 && (await admin.listTopics()).some((t) => wrong.includes(t)); i++) await new Promise((r) => setTimeout(r, 200));
    return wrong.length;
  } finally {
    await admin.disconnect();
  }
}

function runSeed(env, products) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(DIST, 'apps/catalog/src/seed/seed.main.js'), '--products', String(products)], {
      env,
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Date.now() - t0) : reject(new Error(`seed exited with ${code}`))));
  });
}

module.exports = { waitForOutbox, waitForConsumers, settleDatabases, matchRpcPartitions, runSeed };
