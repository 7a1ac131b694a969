'use strict';
// Catalog read benchmark (issue 4): product by id and search on a seeded catalog, through the
// gateway over Kafka (five processes, real broker) and, in the same run, the very SQL the catalog
// service runs for the same requests straight against PostgreSQL, both at a fixed request rate.
// Starts what it needs, seeds, measures, prints a table, stops what it started. See bench/README.md.
const http = require('node:http');
const path = require('node:path');
const { spawn } = require('node:child_process');
const os = require('node:os');
const { Kafka, logLevel } = require('kafkajs');
const { Client, Pool } = require('pg');

const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench';
const { build, DIST } = require('../tools/build');
const { startCluster } = require('../tools/cluster');
const { ensureBroker, stopBroker } = require('../tools/kafka/broker');
const { startEmbeddedPostgres } = require('../tools/embedded-pg');
const { commandLine, printBenchResult } = require('./lib/common');

const USAGE = `node bench/catalog-read.js [--products 100000] [--rate 300] [--seconds 20] [--warmup 40] [--max-in-flight 64] [--keep]
env: DATABASE_URL (else embedded PostgreSQL on 25431), DIST_DIR (dist-bench), BENCH_KAFKA_PORT (19392),
     BENCH_GATEWAY_PORT (29300; +1…4 service health ports), BENCH_DB_PREFIX (bench)`;

function options(argv) {
  const o = { products: 100_000, rate: 300, seconds: 20, warmup: 40, maxInFlight: 64, keep: false };
  const names = {
    '--products': 'products',
    '--rate': 'rate',
    '--seconds': 'seconds',
    '--warmup': 'warmup',
    '--max-in-flight': 'maxInFlight',
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--keep') o.keep = true;
    else if (argv[i] === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (names[argv[i]] && Number.isFinite(Number(argv[i + 1])) && Number(argv[i + 1]) >= 0) o[names[argv[i]]] = Number(argv[++i]);
    else throw new Error(`bad argument ${argv[i]}\n${USAGE}`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// The workload: what storefront buyers send. Kinds say which search feature a query exercises.

/** @type {{ kind: string, query: Record<string, string | number> }[]} */
const SEARCHES = [
  { kind: 'accented', query: { q: 'Cà phê Buôn Ma Thuột' } },
  { kind: 'accented', query: { q: 'vải thiều Lục Ngạn' } },
  { kind: 'accented', query: { q: 'gạo ST25 Sóc Trăng' } },
  { kind: 'accented', query: { q: 'nước mắm Phú Quốc' } },
  { kind: 'accented', query: { q: 'chè Shan tuyết' } },
  { kind: 'accented', query: { q: 'xoài cát Hòa Lộc' } },
  { kind: 'unaccented', query: { q: 'ca phe' } },
  { kind: 'unaccented', query: { q: 'vai thieu' } },
  { kind: 'unaccented', query: { q: 'sau rieng ri6' } },
  { kind: 'unaccented', query: { q: 'nhan long hung yen' } },
  { kind: 'unaccented', query: { q: 'buoi dien' } },
  { kind: 'unaccented', query: { q: 'ho tieu chu se' } },
  { kind: 'synonym', query: { q: 'cafe' } },
  { kind: 'synonym', query: { q: 'durian' } },
  { kind: 'typo', query: { q: 'vai thiue' } },
  { kind: 'typo', query: { q: 'ca phe buon me thuot' } },
  { kind: 'typo', query: { q: 'nuoc mam phu quok' } },
  { kind: 'typo', query: { q: 'xoai cat hoa loc' } },
  { kind: 'typo', query: { q: 'sầu riên' } },
  { kind: 'query+filter', query: { q: 'mat ong', ocopStars: 3 } },
  { kind: 'query+filter', query: { q: 'gao', provinceCode: '92', sort: 'price_asc' } },
  { kind: 'query+filter', query: { q: 'che', categoryId: 'che', maxPriceVnd: 300000 } },
  { kind: 'filter', query: { provinceCode: '66' } },
  { kind: 'filter', query: { categoryId: 'trai-cay', sort: 'price_asc' } },
  { kind: 'filter', query: { categoryId: 'ca-phe-rang-xay', minPriceVnd: 100000, maxPriceVnd: 300000, sort: 'price_desc' } },
  { kind: 'filter', query: { ocopStars: 4 } },
  { kind: 'filter', query: { provinceCode: '24', categoryId: 'vai-nhan-chom-chom' } },
];
const PAGE = 20;
const SAMPLE_PRODUCTS = 2000;

// ---------------------------------------------------------------------------------------------
// Constant-rate (open-loop) load: request k is due at start + k/rate whatever came back before;
// its latency counts from when it was due, so queueing behind a slow answer is measured, not hidden.

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * @param {{ rate: number, seconds: number, warmup: number, maxInFlight: number }} o
 * @param {(k: number) => Promise<string | undefined>} send  resolves with a kind label (per-kind stats), rejects on error
 */
async function constantRate(o, send) {
  const total = Math.round(o.rate * (o.warmup + o.seconds));
  const warm = Math.round(o.rate * o.warmup);
  const interval = 1000 / o.rate;
  const latencies = [];
  const byKind = new Map();
  let ok = 0;
  let errors = 0;
  let shed = 0;
  let inFlight = 0;
  let firstError;
  const pending = new Set();
  const timeline = process.env.BENCH_TIMELINE ? [] : undefined;
  const start = performance.now();
  let measureStart = 0;
  let lastDone = 0;
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    // No busy-wait for the last fraction of a millisecond: the generator shares the two cores with
    // what it measures, and spinning took ~15 % of one. A timer firing late counts as latency.
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    if (k === warm) measureStart = due;
    const measured = k >= warm;
    if (inFlight >= o.maxInFlight) {
      // Overloaded: do not pile up an unbounded backlog; count what we could not send.
      if (measured) shed++;
      continue;
    }
    inFlight++;
    const p = send(k).then(
      (kind) => {
        const done = performance.now();
        if (measured) {
          const ms = done - due;
          latencies.push(ms);
          timeline?.push([Math.round(due - start), Math.round(ms * 10) / 10]);
          ok++;
          lastDone = done;
          if (kind) (byKind.get(kind) ?? byKind.set(kind, []).get(kind)).push(ms);
        }
      },
      (e) => {
        if (measured) {
          errors++;
          firstError ??= e instanceof Error ? e.message : String(e);
          lastDone = performance.now();
        }
      },
    );
    const tracked = p.finally(() => {
      inFlight--;
      pending.delete(tracked);
    });
    pending.add(tracked);
  }
  await Promise.all(pending);
  if (timeline)
    require('node:fs').appendFileSync(
      process.env.BENCH_TIMELINE,
      JSON.stringify({ startedAt: performance.timeOrigin + start, samples: timeline }) + '\n',
    );
  const elapsed = (Math.max(lastDone, start + total * interval) - measureStart) / 1000;
  latencies.sort((a, b) => a - b);
  const kinds = [...byKind.entries()].map(([kind, l]) => {
    l.sort((a, b) => a - b);
    return { kind, n: l.length, p50: percentile(l, 50), p99: percentile(l, 99) };
  });
  return {
    sent: total - warm - shed,
    ok,
    errors,
    shed,
    firstError,
    achieved: ok / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    kinds,
  };
}

// ---------------------------------------------------------------------------------------------
// Clients: the gateway over HTTP, and the captured service SQL over pg.

function httpGetter(baseUrl, key, maxSockets) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const base = new URL(baseUrl);
  const get = (pathAndQuery) =>
    new Promise((resolve, reject) => {
      const req = http.get(
        { host: base.hostname, port: base.port, path: pathAndQuery, agent, headers: { Authorization: `Bearer ${key}` }, timeout: 15000 },
        (res) => {
          // The body is read to its end but not parsed: the generator shares the two cores with
          // what it measures, and parsing every 20 KB search page was CPU taken from the gateway.
          // What the answers contain is checked through the gateway before the load (checkAnswers).
          const chunks = [];
          const ok = res.statusCode === 200 && /^application\/json/.test(res.headers['content-type'] ?? '');
          res.on('data', (c) => {
            if (!ok) chunks.push(c);
          });
          res.on('end', () => {
            if (ok) return resolve(undefined);
            const body = Buffer.concat(chunks).toString('utf8');
            reject(new Error(`GET ${pathAndQuery}: ${res.statusCode} ${res.headers['content-type']} ${body.slice(0, 200)}`));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`GET ${pathAndQuery}: no answer in 15 s`)));
      req.on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

/**
 * The load does not parse answers (httpGetter), so they are checked here, once each through the
 * gateway: the product asked for, and every search's page with the first hit the service's own
 * code gave on the same data.
 */
async function checkAnswers(gatewayUrl, key, id, searches) {
  const get = async (p) => {
    const res = await fetch(`${gatewayUrl}${p}`, { headers: { Authorization: `Bearer ${key}` } });
    if (res.status !== 200) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const product = await get(`/v1/products/${id}`);
  if (product.id !== id) throw new Error(`GET /v1/products/${id} answered product ${product.id}`);
  for (const [i, s] of SEARCHES.entries()) {
    const page = await get(searchPath(s.query));
    if (page.items.length !== searches[i].hits || (page.items[0]?.name ?? '—') !== searches[i].top)
      throw new Error(
        `${searchPath(s.query)}: ${page.items.length} hits, first ${page.items[0]?.name}; the service code gave ${searches[i].hits}, ${searches[i].top}`,
      );
  }
  console.log(`answers checked through the gateway: product ${id}, ${SEARCHES.length} searches`);
}

function searchPath(query) {
  const qs = new URLSearchParams(Object.entries({ ...query, limit: PAGE }).map(([k, v]) => [k, String(v)]));
  return `/v1/products?${qs}`;
}

/**
 * Runs the catalog service's own read code (compiled, from DIST) once per distinct request against
 * the seeded database and records every statement it sends, so the baseline replays exactly that SQL.
 */
async function captureServiceSql(catalogUrl, productIds) {
  require('reflect-metadata');
  const { DataSource } = require('typeorm');
  const { serviceDataSourceOptions } = require(path.join(DIST, 'libs/persistence/src'));
  const { withMessagingTables, Outbox } = require(path.join(DIST, 'libs/messaging/src'));
  const { CATALOG_ENTITIES, CATALOG_MIGRATIONS } = require(path.join(DIST, 'apps/catalog/src/catalog.module'));
  const { ProductsService } = require(path.join(DIST, 'apps/catalog/src/products/products.service'));
  const { ProductRepository } = require(path.join(DIST, 'apps/catalog/src/products/product.repository'));
  const { SellerRepository } = require(path.join(DIST, 'apps/catalog/src/sellers/seller.repository'));
  const { ProductSearchService } = require(path.join(DIST, 'apps/catalog/src/products/product-search.service'));
  const { ProductSearchRepository } = require(path.join(DIST, 'apps/catalog/src/products/product-search.repository'));
  let statements = [];
  const logger = {
    logQuery: (sql, parameters) => statements.push({ sql, params: parameters ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const ds = new DataSource({
    ...serviceDataSourceOptions({
      url: catalogUrl,
      ...withMessagingTables({ entities: CATALOG_ENTITIES, migrations: CATALOG_MIGRATIONS }),
      poolSize: 2,
    }),
    logging: ['query'],
    logger,
  });
  await ds.initialize();
  const caller = { keyId: 'bench', role: 'storefront' };
  const products = new ProductsService(ds, new ProductRepository(ds), new SellerRepository(ds), new Outbox('/nongsan/bench'));
  const search = new ProductSearchService(new ProductSearchRepository(ds));
  const take = async (fn) => {
    statements = [];
    const result = await fn();
    return { statements, result };
  };
  try {
    const gets = [];
    for (const id of productIds) gets.push((await take(() => products.get(caller, id))).statements);
    const searches = [];
    for (const s of SEARCHES) {
      const { statements: st, result } = await take(() => search.search(caller, { ...s.query, limit: PAGE }));
      searches.push({ statements: st, hits: result.items.length, top: result.items[0]?.name ?? '—' });
    }
    return { gets, searches };
  } finally {
    await ds.destroy();
  }
}

/** Replays one request's statements on one pooled connection, in order, as the service's driver would. */
async function replay(pool, statements) {
  const client = await pool.connect();
  try {
    for (const s of statements) await client.query(s.sql, s.params);
    client.release();
  } catch (e) {
    // A timed-out statement leaves its transaction aborted: discard the connection, not reuse it.
    client.release(true);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------

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

function dropDatabases(serverUrl, prefix) {
  return withBenchDatabases(serverUrl, prefix, async (admin, names) => {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return names.length;
  });
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

const fmt = (n) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '—');

function printTable(rows, rate) {
  const head = ['read', 'path', 'target/s', 'achieved/s', 'ok', 'errors', 'shed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
  const body = rows.map((r) => [
    r.read,
    r.path,
    String(rate),
    fmt(r.achieved),
    String(r.ok),
    String(r.errors),
    String(r.shed),
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    fmt(r.max),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main() {
  const o = options(process.argv.slice(2));
  let benchRows;
  const t0 = Date.now();
  const stops = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((e) => console.error(`stop: ${e.message}`));
  };
  let interrupted = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      interrupted = true;
      console.error(`\n${sig}: stopping what the benchmark started…`);
      stopAll().finally(() => process.exit(130));
    });
  }
  try {
    const prefix = process.env.BENCH_DB_PREFIX ?? 'bench';
    const kafkaPort = Number(process.env.BENCH_KAFKA_PORT ?? 19392);
    const gatewayPort = Number(process.env.BENCH_GATEWAY_PORT ?? 29300);
    const adminKey = `bench-admin-${Date.now().toString(36)}-key`;

    build({ quiet: true });
    let serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) {
      const pg = await startEmbeddedPostgres({ dir: path.join(ROOT, '.data', 'pg-bench'), port: 25431 });
      stops.push(() => pg.stop());
      serverUrl = pg.url;
    }
    const catalogUrl = (() => {
      const u = new URL(serverUrl);
      u.pathname = `/${prefix}_catalog`;
      return u.toString();
    })();
    if (!o.keep) await dropDatabases(serverUrl, prefix);
    if (!o.keep) stops.push(() => dropDatabases(serverUrl, prefix));

    const broker = await ensureBroker({ port: kafkaPort });
    if (broker.startedByUs) stops.push(() => stopBroker({ port: kafkaPort }));
    console.log(`kafka ${broker.startedByUs ? 'started' : 'reused'} on ${broker.brokers[0]} in ${(broker.readyMs / 1000).toFixed(1)} s`);

    const env = {
      ...process.env,
      DATABASE_URL: serverUrl,
      DB_NAME_PREFIX: prefix,
      KAFKA_BROKERS: broker.brokers.join(','),
      ADMIN_API_KEY: adminKey,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // One instance of each app: one partition per request topic, as such a deployment is
      // configured (see matchRpcPartitions).
      KAFKA_RPC_PARTITIONS: process.env.KAFKA_RPC_PARTITIONS ?? '1',
    };
    const recreated = await matchRpcPartitions(broker.brokers, Number(env.KAFKA_RPC_PARTITIONS));
    if (recreated) console.log(`request topics re-created with ${env.KAFKA_RPC_PARTITIONS} partition(s): ${recreated}`);
    const seedMs = await runSeed(env, o.products);

    const tCluster = Date.now();
    const logDir = path.join(ROOT, '.data', 'bench-logs', new Date().toISOString().replace(/[:.]/g, '-'));
    const cluster = await startCluster({ env, port: gatewayPort, healthPortBase: gatewayPort + 1, logDir });
    stops.push(() => cluster.stop());
    console.log(`cluster of 5 processes ready in ${((Date.now() - tCluster) / 1000).toFixed(1)} s (logs: ${path.relative(ROOT, logDir)})`);
    const relayMs = await waitForOutbox(catalogUrl, 10 * 60_000);
    console.log(`the seed's events reached Kafka in ${(relayMs / 1000).toFixed(1)} s`);
    const consumed = await waitForConsumers(broker.brokers, 'catalog.events', 10 * 60_000);
    console.log(`${consumed.readers} consumer groups caught up on catalog.events ${(consumed.ms / 1000).toFixed(1)} s later`);
    const settled = await settleDatabases(serverUrl, prefix);
    console.log(`vacuumed ${settled.databases} databases and checkpointed in ${(settled.ms / 1000).toFixed(1)} s`);

    // A storefront key with room for the whole run (the default is 1,200 requests per minute).
    const issued = await fetch(`${cluster.gatewayUrl}/v1/admin/api-keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'storefront', name: 'catalog-read benchmark', rateLimitPerMinute: 100_000 }),
    });
    if (issued.status !== 201) throw new Error(`issuing the storefront key: ${issued.status} ${await issued.text()}`);
    const { key } = await issued.json();

    const db = new Client({ connectionString: catalogUrl });
    await db.connect();
    const { rows: idRows } = await db.query(
      `SELECT p.id FROM products p JOIN sellers s ON s.id = p.seller_id
        WHERE p.status = 'active' AND NOT p.suspended AND s.status = 'active' ORDER BY md5(p.id::text) LIMIT $1`,
      [SAMPLE_PRODUCTS],
    );
    const { rows: countRows } = await db.query('SELECT count(*)::int AS n FROM products');
    await db.end();
    const ids = idRows.map((r) => r.id);
    console.log(`catalog: ${countRows[0].n} products; sampled ${ids.length} visible ones for reads by id`);

    const captured = await captureServiceSql(catalogUrl, ids);
    console.log('search mix (service code on the seeded data, one run each):');
    SEARCHES.forEach((s, i) =>
      console.log(
        `  ${s.kind.padEnd(12)} ${JSON.stringify(s.query).padEnd(70)} ${String(captured.searches[i].hits).padStart(2)} hits, first: ${captured.searches[i].top}`,
      ),
    );

    await checkAnswers(cluster.gatewayUrl, key, ids[0], captured.searches);
    const gateway = httpGetter(cluster.gatewayUrl, key, o.maxInFlight);
    stops.push(async () => gateway.close());
    // Same pool size as the service (DB_POOL_SIZE default 10).
    // A statement gets the HTTP client's 15 s, so an overloaded case ends in bounded time.
    const pool = new Pool({ connectionString: catalogUrl, max: 10, options: '-c timezone=UTC', statement_timeout: 15000 });
    stops.push(() => pool.end());

    const run = async (label, send) => {
      process.stdout.write(`${label}: ${o.warmup} s warm-up + ${o.seconds} s at ${o.rate}/s… `);
      const r = await constantRate(o, send);
      // Other work on this machine (a second test run, a build) shows here, not in the latencies' labels.
      const load = os.loadavg()[0].toFixed(1);
      console.log(`p99 ${fmt(r.p99)} ms; load average ${load}${r.firstError ? ` (first error: ${r.firstError})` : ''}`);
      return { ...r, load };
    };
    const results = [];
    results.push({
      read: 'product by id',
      path: 'gateway → Kafka → catalog',
      ...(await run('by id via gateway', (k) => gateway.get(`/v1/products/${ids[k % ids.length]}`).then(() => undefined))),
    });
    results.push({
      read: 'product by id',
      path: 'PostgreSQL (service SQL)',
      ...(await run('by id on PostgreSQL', (k) => replay(pool, captured.gets[k % ids.length]))),
    });
    // PostgreSQL first: if search overloads the service, its backlog cannot spill into the baseline.
    const pgSearch = await run('search on PostgreSQL', (k) =>
      replay(pool, captured.searches[k % SEARCHES.length].statements).then(() => SEARCHES[k % SEARCHES.length].kind),
    );
    const gwSearch = await run('search via gateway', (k) =>
      gateway.get(searchPath(SEARCHES[k % SEARCHES.length].query)).then(() => SEARCHES[k % SEARCHES.length].kind),
    );
    results.push({ read: 'search', path: 'gateway → Kafka → catalog', ...gwSearch });
    results.push({ read: 'search', path: 'PostgreSQL (service SQL)', ...pgSearch });

    console.log(
      `\n${countRows[0].n} products, ${o.rate} requests/s for ${o.seconds} s after ${o.warmup} s warm-up; latency from each request's scheduled start`,
    );
    printTable(results, o.rate);
    console.log('\nratio gateway ÷ PostgreSQL      p50     p95     p99');
    for (const read of ['product by id', 'search']) {
      const [g, p] = results.filter((r) => r.read === read);
      console.log(`  ${read.padEnd(28)} ${[50, 95, 99].map((q) => `${fmt(g[`p${q}`] / p[`p${q}`])}×`.padStart(7)).join(' ')}`);
    }
    console.log('\nsearch by kind          gateway p50 / p99 ms      PostgreSQL p50 / p99 ms');
    for (const { kind } of gwSearch.kinds.length ? gwSearch.kinds : pgSearch.kinds) {
      const g = gwSearch.kinds.find((x) => x.kind === kind);
      const p = pgSearch.kinds.find((x) => x.kind === kind);
      console.log(
        `  ${kind.padEnd(14)} ${`${fmt(g?.p50)} / ${fmt(g?.p99)}`.padStart(24)} ${`${fmt(p?.p50)} / ${fmt(p?.p99)}`.padStart(26)}`,
      );
    }
    console.log(`\nload: 1-minute load average after each case (${os.cpus().length} CPUs); other processes on the machine count there`);
    console.log(`seed ${(seedMs / 1000).toFixed(1)} s; whole run ${((Date.now() - t0) / 1000).toFixed(0)} s; node ${process.version}`);
    const target = 25;
    benchRows = ['product by id', 'search'].map((read) => {
      const [g, p] = results.filter((r) => r.read === read);
      return {
        benchmark: `catalog: ${read}, gateway over Kafka (${countRows[0].n} products)`,
        figure: `${fmt(g.achieved)}/s achieved of ${o.rate}/s, p50 ${fmt(g.p50)} ms, p99 ${fmt(g.p99)} ms, ${g.errors} errors, ${g.shed} shed`,
        target: `p99 ≤ ${target} ms at ${o.rate}/s`,
        baseline: `same SQL on PostgreSQL: ${fmt(p.achieved)}/s, p99 ${fmt(p.p99)} ms`,
        met: g.p99 <= target && g.errors === 0 && g.shed === 0 && g.achieved >= 0.98 * o.rate,
        command: commandLine(),
      };
    });
  } finally {
    if (!interrupted) await stopAll();
  }
  if (benchRows) printBenchResult(benchRows);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
