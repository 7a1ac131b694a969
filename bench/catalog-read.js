'use strict';
// Catalog read benchmark (issue 4): product by id and search on a seeded catalog, through the
// gateway over Kafka (five processes, real broker) and, in the same run, the very SQL the catalog
// service runs for the same requests straight against PostgreSQL, both at a fixed request rate.
// Starts what it needs, seeds, measures, prints a table, stops what it started. See bench/README.md.
const path = require('node:path');
const os = require('node:os');
const { Client, Pool } = require('pg');

const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench';
const { databaseUrl, dropDatabases } = require('../tools/databases');
const { stopStack } = require('../tools/stack');
const { startBenchStack } = require('./lib/bench-stack');
const { commandLine, runBenchmark } = require('./lib/common');
const { constantRate } = require('./lib/open-loop');
const { parseOptions } = require('./lib/options');
const { SAMPLE_PRODUCTS, SEARCHES, searchPath } = require('./catalog/workload');
const { captureServiceSql, checkAnswers, httpGetter, replay } = require('./catalog/clients');
const { matchRpcPartitions, runSeed, settleDatabases, waitForConsumers, waitForOutbox } = require('./catalog/preparation');

const USAGE = `node bench/catalog-read.js [--products 100000] [--rate 300] [--seconds 20] [--warmup 40] [--max-in-flight 64] [--keep]
env: DATABASE_URL (else embedded PostgreSQL on 25431), DIST_DIR (dist-bench), BENCH_KAFKA_PORT (19392),
     BENCH_GATEWAY_PORT (29300; +1…4 service health ports), BENCH_DB_PREFIX (bench)`;

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
  const o = parseOptions(
    process.argv.slice(2),
    { products: 100_000, rate: 300, seconds: 20, warmup: 40, maxInFlight: 64, keep: false },
    USAGE,
  );
  let benchRows;
  const t0 = Date.now();
  const stops = stopStack({ signalExitCode: 130 });
  try {
    const prefix = process.env.BENCH_DB_PREFIX ?? 'bench';
    const gatewayPort = Number(process.env.BENCH_GATEWAY_PORT ?? 29300);
    const adminKey = `bench-admin-${Date.now().toString(36)}-key`;
    const logDir = path.join(ROOT, '.data', 'bench-logs', new Date().toISOString().replace(/[:.]/g, '-'));
    let seedMs;
    let tCluster;
    const { serverUrl, broker, cluster } = await startBenchStack(stops, {
      kafkaPort: Number(process.env.BENCH_KAFKA_PORT ?? 19392),
      gatewayPort,
      prefix,
      adminKey,
      embedded: { dir: path.join(ROOT, '.data', 'pg-bench'), port: 25431 },
      dropDatabases: !o.keep,
      logDir,
      env: {
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        // One instance of each app: one partition per request topic, as such a deployment is
        // configured (see matchRpcPartitions).
        KAFKA_RPC_PARTITIONS: process.env.KAFKA_RPC_PARTITIONS ?? '1',
      },
      beforeCluster: async (env, b) => {
        if (!o.keep) await dropDatabases(env.DATABASE_URL, prefix);
        console.log(`kafka ${b.startedByUs ? 'started' : 'reused'} on ${b.brokers[0]} in ${(b.readyMs / 1000).toFixed(1)} s`);
        const recreated = await matchRpcPartitions(b.brokers, Number(env.KAFKA_RPC_PARTITIONS));
        if (recreated) console.log(`request topics re-created with ${env.KAFKA_RPC_PARTITIONS} partition(s): ${recreated}`);
        seedMs = await runSeed(env, o.products);
        tCluster = Date.now();
      },
    });
    const catalogUrl = databaseUrl(serverUrl, `${prefix}_catalog`);
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
    await stops.runAll();
  }
  return benchRows;
}

runBenchmark(main);
