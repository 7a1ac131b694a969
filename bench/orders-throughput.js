'use strict';
// End-to-end order throughput on one machine, everything co-located: a real Kafka broker, the
// five app processes, PostgreSQL. Orders are placed through the gateway at a fixed rate (open
// loop) and counted done when the shipment request of every sub-order is on
// `fulfilment.shipments` (read by a postal consumer group, as a carrier would). The baseline, in
// the same run, is pgbench's TPC-B-like load on the same PostgreSQL server.
//
//   node bench/orders-throughput.js [--rate 500] [--seconds 60] [--warmup 10] [--pgbench-seconds 20]
//
// The first --warmup seconds run at the same rate and are not counted (JIT, connection pools,
// consumer fetch sessions); the measured seconds follow without a pause.
//
// Needs DATABASE_URL (the PostgreSQL server to use); starts and stops its own broker and cluster.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { Kafka, logLevel } = require('kafkajs');
const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-orders';
const { stopStack } = require('../tools/stack');
const { startBenchStack } = require('./lib/bench-stack');
const { commandLine, runBenchmark } = require('./lib/common');
const { call } = require('./lib/rest');
const { parseOptions } = require('./lib/options');
const { cpuMsPer, systemCpuReader } = require('./lib/process-stats');

const USAGE = `node bench/orders-throughput.js [--rate 500] [--seconds 60] [--warmup 10] [--pgbench-seconds 20]
env: DATABASE_URL (required), DIST_DIR (dist-bench-orders); Kafka on 19492, gateway on 29400`;
const o = parseOptions(process.argv.slice(2), { rate: 500, seconds: 60, warmup: 10, pgbenchSeconds: 20 }, USAGE);
const RATE = o.rate;
const SECONDS = o.seconds;
const WARMUP = o.warmup;
const PGBENCH_SECONDS = o.pgbenchSeconds;
const KAFKA_PORT = 19492;
const GATEWAY_PORT = 29400; // below the ephemeral range (32768–60999)
const ADMIN = 'bench-admin-key-0123456789abcdef';
const DB_URL = process.env.DATABASE_URL;
if (!DB_URL) throw new Error('DATABASE_URL must name the PostgreSQL server to benchmark on');

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function setup(base) {
  const partner = (
    await call(base, 'POST', '/v1/admin/api-keys', ADMIN, { role: 'partner', name: 'bench partner', rateLimitPerMinute: 100000 })
  ).body.key;
  const storefront = (
    await call(base, 'POST', '/v1/admin/api-keys', ADMIN, { role: 'storefront', name: 'bench storefront', rateLimitPerMinute: 100000 })
  ).body.key;
  if (!partner || !storefront) throw new Error('could not issue the benchmark keys');
  const provinces = [
    ['24', '07330'],
    ['66', null],
    ['92', null],
  ];
  const products = [];
  for (const [provinceCode] of provinces) {
    const { wardsOf } = require(path.join(ROOT, process.env.DIST_DIR, 'libs/contracts/src'));
    const seller = await call(base, 'POST', '/v1/sellers', partner, {
      name: `HTX bench ${provinceCode}`,
      kind: 'cooperative',
      phone: '0912345678',
      address: { provinceCode, wardCode: wardsOf(provinceCode)[0].code, line: 'Thôn 1' },
      // Parcels go to the carrier at once: this measures the pipeline, not a seller's answer.
      orderAcceptance: 'auto',
    });
    for (let i = 0; i < 10; i++) {
      const p = await call(base, 'POST', '/v1/products', partner, {
        sellerId: seller.body.id,
        name: `Sản phẩm ${provinceCode}-${i}`,
        categoryId: 'trai-cay',
        unit: 'kg',
        priceVnd: 20000 + i * 1000,
        stock: 10_000_000,
        weightGrams: 1000,
      });
      products.push({ id: p.body.id, sellerId: seller.body.id });
    }
  }
  const { wardsOf } = require(path.join(ROOT, process.env.DIST_DIR, 'libs/contracts/src'));
  const address = { provinceCode: '79', wardCode: wardsOf('79')[0].code, line: '1 Lê Lợi' };
  for (let tries = 0; ; tries++) {
    const q = await call(base, 'POST', '/v1/shipping/quotes', storefront, {
      items: products.map((p) => ({ productId: p.id, quantity: 1 })),
      address,
    });
    if (q.status === 200) break;
    if (tries > 150) throw new Error(`products never became orderable: ${q.status} ${JSON.stringify(q.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { storefront, products, address };
}

async function main() {
  const started = Date.now();
  let benchRow;
  const stops = stopStack();
  try {
    const prefix = `benchord${Date.now().toString(36)}`;
    const { broker, cluster } = await startBenchStack(stops, {
      kafkaPort: KAFKA_PORT,
      gatewayPort: GATEWAY_PORT,
      prefix,
      adminKey: ADMIN,
      databaseUrl: DB_URL,
      broker: { stop: 'always' },
      env: { LOG_LEVEL: 'error', OUTBOX_POLL_MS: '200', DB_POOL_SIZE: '20' },
      beforeCluster: (_env, b) => console.log(`kafka ${b.startedByUs ? 'started' : 'reused'} on ${b.brokers}; starting the cluster …`),
    });
    const base = cluster.gatewayUrl;
    console.log('cluster ready; creating sellers, products and keys …');
    const { storefront, products, address } = await setup(base);
    // The postal system: its own consumer group, counting shipment requests per order.
    const expected = new Map(); // orderId -> { subOrders, placedAt }
    const seen = new Map(); // orderId -> count
    const done = new Map(); // orderId -> ms from placement to the last shipment request
    const kafka = new Kafka({ clientId: 'bench-postal', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `postal-${prefix}`, maxWaitTimeInMs: 50 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'fulfilment.shipments', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const e = JSON.parse(message.value.toString());
        if (e.type !== 'fulfilment.shipment.requested.v1') return;
        const n = (seen.get(e.data.orderId) ?? 0) + 1;
        seen.set(e.data.orderId, n);
        const x = expected.get(e.data.orderId);
        if (x && n === x.subOrders && !done.has(e.data.orderId)) done.set(e.data.orderId, Date.now() - x.placedAt);
      },
    });

    console.log(`placing orders at ${RATE}/s for ${WARMUP} s (warm-up, not counted) + ${SECONDS} s through ${base} …`);
    const latencies = [];
    let failures = 0;
    let shed = 0; // 503 service_busy: refused at once by the gateway's admission limit (ADR 0009)
    const inflight = new Set();
    const warmupCount = RATE * WARMUP;
    const start = Date.now();
    const t0 = start + WARMUP * 1000; // the measured part starts here
    const total = warmupCount + RATE * SECONDS;
    // CPU of every process of the system (the apps, the broker, the run's PostgreSQL backends; not
    // this load generator nor its postal consumer), from the measured part's start until its last
    // order is complete, per order completed (issue 20's cpuMsPerOrder).
    const pg = new (require('pg').Pool)({ connectionString: DB_URL, max: 1 });
    const readCpu = systemCpuReader(cluster.children, broker.pid, pg, prefix);
    const cpuAtStart = new Promise((r) => setTimeout(r, Math.max(0, t0 - Date.now()))).then(readCpu);
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      const counted = i >= warmupCount;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const picks = [products[i % 10], products[10 + ((i * 7) % 10)], products[20 + ((i * 3) % 10)]].slice(0, 1 + (i % 3));
      const sent = Date.now();
      const p = call(base, 'POST', '/v1/orders', storefront, {
        buyer: { name: 'Người mua bench', phone: '0987654321' },
        address,
        items: picks.map((x) => ({ productId: x.id, quantity: 1 })),
        paymentMethod: 'cod',
      })
        .then((r) => {
          if (!counted) return;
          // Placement latency of the orders placed; a refusal is counted, not timed.
          if (r.status === 503 && r.body?.code === 'service_busy') shed += 1;
          else if (r.status !== 201) failures += 1;
          else {
            latencies.push(Date.now() - sent);
            expected.set(r.body.id, { subOrders: r.body.subOrders.length, placedAt: sent });
          }
        })
        .catch(() => {
          if (counted) failures += 1;
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
    const placedIn = (Date.now() - t0) / 1000;
    const deadline = Date.now() + 120000;
    while (done.size < expected.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const drainedIn = (Date.now() - t0) / 1000;
    const cpu = cpuMsPer(await cpuAtStart, await readCpu(), done.size);
    await pg.end();
    await consumer.disconnect();

    latencies.sort((a, b) => a - b);
    const e2e = [...done.values()].sort((a, b) => a - b);
    const result = {
      offeredPerSecond: RATE,
      placed: expected.size,
      failed: failures,
      shed,
      placedPerSecond: +(expected.size / placedIn).toFixed(1),
      completedPerSecond: +(done.size / drainedIn).toFixed(1),
      placementP50ms: percentile(latencies, 50),
      placementP99ms: percentile(latencies, 99),
      endToEndP50ms: percentile(e2e, 50),
      endToEndP99ms: percentile(e2e, 99),
      notCompleted: expected.size - done.size,
      cpuMsPerOrder: +cpu.total.toFixed(2),
      cpuMsPerOrderByProcess: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, +v.toFixed(2)])),
    };
    console.log(
      `cpuMsPerOrder ${cpu.total.toFixed(2)} (${Object.entries(cpu)
        .filter(([k]) => k !== 'total')
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')})`,
    );
    await cluster.stop();

    // Baseline on the same server: pgbench TPC-B-like, 8 clients.
    const pgdb = `${prefix}_pgbench`;
    const admin = new URL(DB_URL);
    execFileSync('psql', [admin.toString(), '-qc', `CREATE DATABASE ${pgdb}`]);
    const url = new URL(DB_URL);
    url.pathname = `/${pgdb}`;
    execFileSync('pgbench', ['-q', '-i', '-s', '10', url.toString()], { stdio: 'ignore' });
    const out = execFileSync('pgbench', ['-c', '8', '-j', '2', '-T', String(PGBENCH_SECONDS), url.toString()]).toString();
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    execFileSync('psql', [admin.toString(), '-qc', `DROP DATABASE ${pgdb} WITH (FORCE)`]);
    console.log(
      JSON.stringify({ ...result, pgbenchTps: tps, ratioOrdersToPgbenchTps: +(result.completedPerSecond / tps).toFixed(3) }, null, 2),
    );
    console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
    benchRow = {
      benchmark: 'orders: placed until every shipment is requested',
      figure: `${result.completedPerSecond} completed/s, ${result.placedPerSecond} placed/s at ${RATE}/s offered for ${SECONDS} s; placement p50 ${result.placementP50ms} ms, p99 ${result.placementP99ms} ms; ${result.shed} shed (503), ${result.failed} failed, ${result.notCompleted} not completed; cpuMsPerOrder ${result.cpuMsPerOrder}`,
      target: '≥ 500/s for 60 s',
      baseline: `pgbench TPC-B, 8 clients: ${Math.round(tps)} tps (ratio ${(result.completedPerSecond / tps).toFixed(3)})`,
      met: result.completedPerSecond >= 500 && SECONDS >= 60 && result.failed === 0 && result.shed === 0 && result.notCompleted === 0,
      command: commandLine(),
    };
  } finally {
    await stops.runAll();
  }
  return benchRow && [benchRow];
}

runBenchmark(main);
