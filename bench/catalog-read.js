'use strict';
// Catalog read benchmark (issue 4): product by id and search on a seeded catalog, through the
// gateway over Kafka (five processes, real broker) and, in the same run, the very SQL the catalog
// service runs for the same requests straight against PostgreSQL, both at a fixed request rate.
// Starts what it needs, seeds, measures, prints a table, stops what it started. See bench/README.md.
const path = require('node:path');
const os = require('node:os');
const { randomBytes } = require('node:crypto');
const { Client, Pool } = require('pg');

const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench';
const { databaseUrl, dropDatabases } = require('../tools/databases');
const { stopStack } = require('../tools/stack');
const { startBenchStack } = require('./lib/bench-stack');
const { commandLine, runBenchmark } = require('./lib/common');
const { constantRate } = require('./lib/open-loop');
const { parseOptions } = require('./lib/options');
const { cpuMsPer, systemCpuReader } = require('./lib/process-stats');
const { SAMPLE_PRODUCTS, SEARCHES, searchPath } = require('./catalog/workload');
const { captureServiceSql, checkAnswers, httpGetter, replay } = require('./catalog/clients');
const { matchRpcPartitions, runSeed, settleDatabases, waitForConsumers, waitForOutbox } = require('./catalog/preparation');

const USAGE = `node bench/catalog-read.js [--products 100000] [--rate 300] [--seconds 20] [--warmup 40] [--rewarm 5] [--rounds 5] [--max-in-flight 64] [--keep]
env: DATABASE_URL (else embedded PostgreSQL on BENCH_EMBEDDED_PG_PORT, 25431), DIST_DIR (dist-bench), BENCH_KAFKA_PORT (19392),
     BENCH_GATEWAY_PORT (29300; +1…4 service health ports), BENCH_DB_PREFIX (bench)`;

const fmt = (n) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '—');

const fmt2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : '—');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const TARGET_CPU_MS = 1.5;
const TARGET_P99_MS = 25;
/** The processes a read crosses, then the rest of the system together. */
const ON_PATH = ['gateway', 'catalog', 'kafka', 'postgres'];
const cpuParts = (c) => [...ON_PATH.map((k) => `${k === 'kafka' ? 'broker' : k} ${fmt2(c[k])}`), `other apps ${fmt2(c.others)}`].join(', ');

/**
 * Rounds of every case, alternating: through the gateway (CPU of every process of the system read
 * from /proc around it), then the same SQL on PostgreSQL alone; a noisy minute spoils one run of
 * each, not one case. The first run of a case warms up `--warmup` s, later ones `--rewarm` s.
 */
async function alternatingRuns(o, cases, cpu) {
  const runs = [];
  for (let round = 1; round <= o.rounds; round++) {
    for (const c of cases) {
      const warmup = round === 1 ? o.warmup : o.rewarm;
      await constantRate({ ...o, warmup, seconds: 0 }, c.gateway);
      const before = await cpu();
      const g = await constantRate({ ...o, warmup: 0 }, c.gateway);
      const after = await cpu();
      const loadGateway = os.loadavg()[0];
      const p = await constantRate({ ...o, warmup: round === 1 ? Math.min(5, o.warmup) : 0 }, c.postgres);
      const ms = cpuMsPer(before, after, g.ok + g.errors);
      ms.others = Object.entries(ms)
        .filter(([k]) => k !== 'total' && !ON_PATH.includes(k))
        .reduce((t, [, v]) => t + v, 0);
      runs.push({ round, read: c.read, g, p, cpu: ms, load: loadGateway });
      console.log(
        `run ${round} ${c.read.padEnd(13)} gateway p50 ${fmt(g.p50)} p99 ${fmt(g.p99)} ms (${fmt(g.achieved)}/s, ${g.errors} errors, ${g.shed} shed)` +
          ` | PostgreSQL p99 ${fmt(p.p99)} ms | cpuMsPerRead ${fmt2(ms.total)} (${cpuParts(ms)}) | load ${loadGateway.toFixed(1)}` +
          (g.firstError ? ` (first error: ${g.firstError})` : ''),
      );
    }
  }
  return runs;
}

/** Per read: the medians over the rounds, printed, with the last round's search kinds. */
function summarise(o, cases, runs, products) {
  console.log(
    `\n${products} products, ${o.rate} requests/s, ${o.rounds} alternating runs of ${o.seconds} s; latency from each request's scheduled start;` +
      ` CPU of every process of the system (apps, broker, the run's PostgreSQL backends) per request of the gateway run`,
  );
  const summary = cases.map(({ read }) => {
    const mine = runs.filter((r) => r.read === read);
    // The breakdown of the run with the median total, so its parts add up to the figure.
    const { cpu } = [...mine].sort((a, b) => a.cpu.total - b.cpu.total)[Math.floor(mine.length / 2)];
    return {
      read,
      cpu,
      p99: median(mine.map((r) => r.g.p99)),
      p99s: mine.map((r) => r.g.p99),
      pgP99: median(mine.map((r) => r.p.p99)),
      pgP99s: mine.map((r) => r.p.p99),
      achieved: Math.min(...mine.map((r) => r.g.achieved)),
      errors: mine.reduce((t, r) => t + r.g.errors, 0),
      shed: mine.reduce((t, r) => t + r.g.shed, 0),
      loads: mine.map((r) => r.load.toFixed(1)),
    };
  });
  for (const s of summary) {
    console.log(`cpuMsPerRead ${s.read}: ${fmt2(s.cpu.total)} (median of ${o.rounds}; ${cpuParts(s.cpu)})`);
    console.log(`  p99 via gateway ${fmt(s.p99)} ms (median; runs: ${s.p99s.map(fmt).join(', ')})`);
    console.log(`  p99 PostgreSQL alone ${fmt(s.pgP99)} ms (median; runs: ${s.pgP99s.map(fmt).join(', ')}); load ${s.loads.join(', ')}`);
  }
  const last = runs.filter((r) => r.read === 'search').at(-1);
  console.log('\nsearch by kind, last run     gateway p50 / p99 ms      PostgreSQL p50 / p99 ms');
  for (const { kind } of last.g.kinds) {
    const g = last.g.kinds.find((x) => x.kind === kind);
    const p = last.p.kinds.find((x) => x.kind === kind);
    console.log(`  ${kind.padEnd(14)} ${`${fmt(g?.p50)} / ${fmt(g?.p99)}`.padStart(24)} ${`${fmt(p?.p50)} / ${fmt(p?.p99)}`.padStart(26)}`);
  }
  console.log(`load: 1-minute load average after each gateway run (${os.cpus().length} CPUs); other processes on the machine count there`);
  return summary;
}

async function main() {
  const o = parseOptions(
    process.argv.slice(2),
    { products: 100_000, rate: 300, seconds: 20, warmup: 40, rewarm: 5, rounds: 5, maxInFlight: 64, keep: false },
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
      embedded: { dir: path.join(ROOT, '.data', 'pg-bench'), port: Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 25431) },
      dropDatabases: !o.keep,
      logDir,
      env: {
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        // Production mode requires the notifications' key for webhook secrets: one for this run.
        WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY ?? randomBytes(32).toString('base64'),
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

    const cpu = systemCpuReader(cluster.children, broker.pid, pool, prefix);
    const cases = [
      {
        read: 'product by id',
        gateway: (k) => gateway.get(`/v1/products/${ids[k % ids.length]}`).then(() => undefined),
        postgres: (k) => replay(pool, captured.gets[k % ids.length]),
      },
      {
        read: 'search',
        gateway: (k) => gateway.get(searchPath(SEARCHES[k % SEARCHES.length].query)).then(() => SEARCHES[k % SEARCHES.length].kind),
        postgres: (k) => replay(pool, captured.searches[k % SEARCHES.length].statements).then(() => SEARCHES[k % SEARCHES.length].kind),
      },
    ];
    const runs = await alternatingRuns(o, cases, cpu);
    const summary = summarise(o, cases, runs, countRows[0].n);
    console.log(`\nseed ${(seedMs / 1000).toFixed(1)} s; whole run ${((Date.now() - t0) / 1000).toFixed(0)} s; node ${process.version}`);
    benchRows = summary.map((r) => ({
      benchmark: `catalog: ${r.read}, gateway over Kafka (${countRows[0].n} products)`,
      figure: `cpuMsPerRead ${fmt2(r.cpu.total)} (${cpuParts(r.cpu)}); p99 ${fmt(r.p99)} ms (median of ${o.rounds} runs: ${r.p99s.map(fmt).join(', ')}); ${fmt(r.achieved)}/s of ${o.rate}/s, ${r.errors} errors, ${r.shed} shed`,
      target: `cpuMsPerRead ≤ ${TARGET_CPU_MS}, p99 ≤ ${TARGET_P99_MS} ms at ${o.rate}/s (median of ${o.rounds})`,
      baseline: `same SQL on PostgreSQL: p99 ${fmt(r.pgP99)} ms (median of ${o.rounds})`,
      met: r.cpu.total <= TARGET_CPU_MS && r.p99 <= TARGET_P99_MS && r.errors === 0 && r.shed === 0 && r.achieved >= 0.98 * o.rate,
      command: commandLine(),
    }));
  } finally {
    await stops.runAll();
  }
  return benchRows;
}

runBenchmark(main);
