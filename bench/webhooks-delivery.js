'use strict';
// Webhook delivery under the order load (issue 19): orders placed through the gateway at a fixed
// rate (open loop, as bench/orders-throughput.js places them: `--rate 500` is its load), each an
// `order.created` event delivered to 10 endpoints of the storefront on a local receiver
// (127.0.0.1). Phase 1, the baseline: every endpoint answers at once. Phase 2: one endpoint answers
// after 5 s and one answers 500 (retried by the schedule); the other 8 must keep their lag.
//
//   node bench/webhooks-delivery.js [--rate 30] [--seconds 20] [--warmup 5]
//
// Prints per phase the orders placed (and shed), deliveries/s, the lag from the domain event (the
// order's placedAt) to the delivery (p50/p99) of the 8 endpoints that stay healthy (phase 1: the
// same 8, the baseline), of the slow one and of the failing one's first attempts; the CPU per
// delivery summed over every process of the system from /proc (the six apps, the broker, the
// run's PostgreSQL backends) and the notifications process's share; the load average. Needs
// DATABASE_URL; starts and stops its own broker and cluster.
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-webhooks';
const { stopStack } = require('../tools/stack');
const { startBenchStack } = require('./lib/bench-stack');
const { commandLine, readOnlyClient, runBenchmark, sleep } = require('./lib/common');
const { parseOptions } = require('./lib/options');
const { cpuSeconds } = require('./lib/process-stats');
const load1 = () => +os.loadavg()[0].toFixed(1);
const { call, failureKind } = require('./lib/rest');

const USAGE = `node bench/webhooks-delivery.js [--rate 30] [--seconds 20] [--warmup 5]
env: DATABASE_URL (required), DIST_DIR (dist-bench-webhooks), BENCH_KAFKA_PORT (20092), BENCH_GATEWAY_PORT (30000)`;
const o = parseOptions(process.argv.slice(2), { rate: 30, seconds: 20, warmup: 5 }, USAGE);
const KAFKA_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 20092);
const GATEWAY_PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 30000); // health 30001–30005; below the ephemeral range (32768–60999)
const ADMIN = 'bench-admin-key-0123456789abcdef';
const ENDPOINTS = 10;
const SLOW = 8; // answers after 5 s in phase 2
const FAILING = 9; // answers 500 in phase 2
/** The endpoints that stay healthy in phase 2: phase 1's lag over these same 8 is the baseline. */
const SAME_EIGHT = [...Array(ENDPOINTS).keys()].filter((n) => n !== SLOW && n !== FAILING);
const DB_URL = process.env.DATABASE_URL;
if (!DB_URL) throw new Error('DATABASE_URL must name the PostgreSQL server to benchmark on');

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** The receiver: one server, `/e<n>` per endpoint; hands each request of order.created (received, answered or not) to `onDelivery`. */
function receiver(state) {
  const server = http.createServer({ keepAliveTimeout: 65000 }, (req, res) => {
    const n = Number(req.url.slice(2));
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const at = Date.now();
      const e = JSON.parse(body);
      if (e.type === 'order.created') state.onDelivery(n, e, at);
      if (state.phase === 2 && n === FAILING) return res.writeHead(500).end();
      const answer = () => res.writeHead(204).end();
      if (state.phase === 2 && n === SLOW) return void setTimeout(answer, 5000);
      answer();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function setup(base, urlOf) {
  const { wardsOf } = require(path.join(ROOT, process.env.DIST_DIR, 'libs/contracts/src'));
  const key = async (role) =>
    (await call(base, 'POST', '/v1/admin/api-keys', ADMIN, { role, name: `bench ${role}`, rateLimitPerMinute: 100000 })).body.key;
  const partner = await key('partner');
  const storefront = await key('storefront');
  const seller = await call(base, 'POST', '/v1/sellers', partner, {
    name: 'HTX bench webhooks',
    kind: 'cooperative',
    phone: '0912345678',
    address: { provinceCode: '24', wardCode: wardsOf('24')[0].code, line: 'Thôn 1' },
    orderAcceptance: 'auto',
  });
  const products = [];
  for (let i = 0; i < 5; i++) {
    const p = await call(base, 'POST', '/v1/products', partner, {
      sellerId: seller.body.id,
      name: `Vải thiều ${i}`,
      categoryId: 'trai-cay',
      unit: 'kg',
      priceVnd: 20000 + i * 1000,
      stock: 10_000_000,
      weightGrams: 1000,
    });
    products.push(p.body.id);
  }
  for (let n = 0; n < ENDPOINTS; n++) {
    const r = await call(base, 'POST', '/v1/webhook-endpoints', storefront, { url: urlOf(n), eventTypes: ['order.created'] });
    if (r.status !== 201) throw new Error(`endpoint: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const address = { provinceCode: '79', wardCode: wardsOf('79')[0].code, line: '1 Lê Lợi' };
  for (let tries = 0; ; tries++) {
    const q = await call(base, 'POST', '/v1/shipping/quotes', storefront, { items: [{ productId: products[0], quantity: 1 }], address });
    if (q.status === 200) break;
    if (tries > 150) throw new Error('products never became orderable');
    await sleep(200);
  }
  return { storefront, products, address };
}

/** Places orders at `rate`/s for `seconds` (open loop); resolves with the ids placed (`shed`: answered 503, `failed`: other). */
async function load(base, s, rate, seconds) {
  const ids = [];
  ids.shed = 0;
  ids.failed = 0;
  ids.failures = {}; // by status, or the kind of failure when no answer came
  const inflight = new Set();
  const start = Date.now();
  for (let i = 0; i < rate * seconds; i++) {
    const wait = start + (i * 1000) / rate - Date.now();
    if (wait > 0) await sleep(wait);
    const p = call(base, 'POST', '/v1/orders', s.storefront, {
      buyer: { name: 'Người mua bench', phone: '0987654321' },
      address: s.address,
      items: [{ productId: s.products[i % s.products.length], quantity: 1 }],
      paymentMethod: 'cod',
    })
      .then((r) => {
        if (r.status === 201) return ids.push(r.body.id);
        if (r.status === 503) return ids.shed++;
        ids.failed++;
        ids.failures[r.status] = (ids.failures[r.status] ?? 0) + 1;
      })
      .catch((e) => {
        ids.failed++;
        ids.failures[failureKind(e)] = (ids.failures[failureKind(e)] ?? 0) + 1;
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
  return ids;
}

/**
 * CPU seconds so far of every process of the system: each app (by name), the broker, and the
 * run's PostgreSQL backends (by pid: one that closes takes its time with it, one that opens counts whole).
 */
function systemCpu(cluster, brokerPid, db, prefix) {
  return async () => {
    const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname LIKE $1`, [`${prefix}\\_%`]);
    const apps = Object.fromEntries([...cluster.children].map(([name, child]) => [name, cpuSeconds(child.pid)]));
    return { apps, kafka: brokerPid ? cpuSeconds(brokerPid) : 0, postgres: new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)])) };
  };
}

function cpuBetween(a, b) {
  const apps = Object.fromEntries(Object.keys(b.apps).map((k) => [k, b.apps[k] - (a.apps[k] ?? 0)]));
  let postgres = 0;
  for (const [pid, t] of b.postgres) postgres += t - (a.postgres.get(pid) ?? 0);
  const kafka = b.kafka - a.kafka;
  const total = Object.values(apps).reduce((t, v) => t + v, 0) + kafka + postgres;
  return { total, apps, kafka, postgres };
}

function lagsOf(state, ids, endpoints) {
  const lags = [];
  for (const id of ids) {
    for (const n of endpoints) {
      const d = (state.byOrder.get(id) ?? []).find((x) => x.n === n); // the first request (a retry repeats it)
      if (d) lags.push(d.lag);
    }
  }
  return lags.sort((a, b) => a - b);
}

/** One phase: the orders placed, then until every healthy endpoint has each (or 60 s). */
async function phase(state, base, s, healthy, cpu, notificationsPid) {
  const cpu0 = await cpu();
  const n0 = cpuSeconds(notificationsPid);
  const requests0 = state.requests;
  const t0 = Date.now();
  const ids = await load(base, s, o.rate, o.seconds);
  const complete = () => ids.every((id) => healthy.every((n) => (state.byOrder.get(id) ?? []).some((d) => d.n === n)));
  const deadline = Date.now() + 60000;
  while (!complete() && Date.now() < deadline) await sleep(100);
  const elapsed = (Date.now() - t0) / 1000;
  const used = cpuBetween(cpu0, await cpu());
  const notificationsCpu = cpuSeconds(notificationsPid) - n0;
  const requests = state.requests - requests0; // every request the receiver got meanwhile, retries and slow ones included
  const lags = lagsOf(state, ids, healthy);
  const baseline8 = lagsOf(state, ids, SAME_EIGHT);
  const slow = lagsOf(state, ids, [SLOW]);
  const failing = lagsOf(state, ids, [FAILING]);
  const ms = (x) => +x.toFixed(2);
  return {
    ids,
    offeredPerSecond: o.rate,
    orders: ids.length,
    shed503: ids.shed,
    failedOrders: ids.failed,
    failures: ids.failures,
    healthyDeliveries: lags.length,
    missing: ids.length * healthy.length - lags.length,
    deliveriesPerSecond: +(lags.length / elapsed).toFixed(1),
    lagP50ms: percentile(lags, 50),
    lagP99ms: percentile(lags, 99),
    eightP50ms: percentile(baseline8, 50),
    eightP99ms: percentile(baseline8, 99),
    slow: { received: slow.length, p50ms: percentile(slow, 50), p99ms: percentile(slow, 99) },
    failingFirst: { received: failing.length, p50ms: percentile(failing, 50), p99ms: percentile(failing, 99) },
    requests,
    systemCpuSeconds: +used.total.toFixed(2),
    cpuMsPerDelivery: ms((used.total * 1000) / Math.max(1, requests)),
    cpuMsPerDeliveryByPart: Object.fromEntries(
      [...Object.entries(used.apps), ['kafka', used.kafka], ['postgres', used.postgres]].map(([k, v]) => [
        k,
        ms((v * 1000) / Math.max(1, requests)),
      ]),
    ),
    notificationsCpuMsPerDelivery: ms((notificationsCpu * 1000) / Math.max(1, requests)),
    load1: load1(),
  };
}

async function main() {
  const stops = stopStack();
  const state = { phase: 0, byOrder: new Map(), requests: 0 };
  state.onDelivery = (n, e, at) => {
    state.requests += 1;
    const seen = state.byOrder.get(e.data.orderId) ?? [];
    seen.push({ n, lag: at - Date.parse(e.data.placedAt), eventId: e.id, at });
    state.byOrder.set(e.data.orderId, seen);
  };
  try {
    const server = await receiver(state);
    stops.push(() => new Promise((r) => server.close(r)));
    const urlOf = (n) => `http://127.0.0.1:${server.address().port}/e${n}`;
    const prefix = `benchwh${Date.now().toString(36)}`;
    const loadBefore = load1();
    const { cluster, serverUrl, broker } = await startBenchStack(stops, {
      kafkaPort: KAFKA_PORT,
      gatewayPort: GATEWAY_PORT,
      prefix,
      adminKey: ADMIN,
      databaseUrl: DB_URL,
      broker: { stop: 'always' },
      dropDatabases: true,
      env: { LOG_LEVEL: 'error', OUTBOX_POLL_MS: '200', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' },
    });
    const base = cluster.gatewayUrl;
    const s = await setup(base, urlOf);
    const pid = cluster.children.get('notifications').pid;
    const admin = await readOnlyClient(serverUrl, 'postgres');
    stops.push(() => admin.end());
    const cpu = systemCpu(cluster, broker.pid, admin, prefix);
    console.log(`load average (1 min): ${loadBefore} before the cluster started, ${load1()} before the warm-up; ${os.cpus().length} CPUs`);
    state.phase = 1;
    await load(base, s, o.rate, o.warmup);
    const all = [...Array(ENDPOINTS).keys()];
    const a = await phase(state, base, s, all, cpu, pid);
    const shown = (x) => JSON.stringify({ ...x, ids: undefined });
    console.log('phase 1 (baseline), 10 healthy endpoints:', shown(a));
    state.phase = 2;
    const b = await phase(state, base, s, SAME_EIGHT, cpu, pid);
    console.log('phase 2, 8 healthy, 1 answering after 5 s, 1 answering 500:', shown(b));
    console.log(
      `healthy endpoints' lag: p50 ${b.lagP50ms} ms, p99 ${b.lagP99ms} ms beside the slow and the failing one; ` +
        `baseline (the same 8, phase 1, nothing slow or failing): p50 ${a.eightP50ms} ms, p99 ${a.eightP99ms} ms; ` +
        `the slow one: ${b.slow.received} of ${b.orders} received, p50 ${b.slow.p50ms} ms, p99 ${b.slow.p99ms} ms`,
    );
    // Where the lag is: from the order's placement to the stored public event (outbox, Kafka, inbox).
    const db = await readOnlyClient(serverUrl, `${prefix}_notifications`);
    const { rows } = await db.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM created_at - (body->'data'->>'placedAt')::timestamptz) * 1000 AS ms
                 FROM public_events WHERE type = 'order.created') x`,
    );
    // The delivery path alone: from the public event stored (notifications' clock and the
    // receiver's are the same machine's) to its first request at the endpoint.
    const storedAt = new Map(
      (await db.query(`SELECT id, created_at FROM public_events WHERE type = 'order.created'`)).rows.map((r) => [
        r.id,
        r.created_at.getTime(),
      ]),
    );
    await db.end();
    const stored = { p50: Math.round(rows[0].p50), p99: Math.round(rows[0].p99) };
    console.log(`placement → public event stored (both phases): p50 ${stored.p50} ms, p99 ${stored.p99} ms`);
    const sendLag = (p, endpoints) => {
      const xs = [];
      for (const id of p.ids) {
        for (const n of endpoints) {
          const d = (state.byOrder.get(id) ?? []).find((x) => x.n === n);
          if (d && storedAt.has(d.eventId)) xs.push(d.at - storedAt.get(d.eventId));
        }
      }
      xs.sort((x, y) => x - y);
      return { p50: percentile(xs, 50), p99: percentile(xs, 99), n: xs.length };
    };
    const send = { baseline: sendLag(a, SAME_EIGHT), healthy: sendLag(b, SAME_EIGHT), slow: sendLag(b, [SLOW]) };
    console.log(
      `public event stored → first request at the endpoint: the 8 healthy p50 ${send.healthy.p50} ms, p99 ${send.healthy.p99} ms ` +
        `(baseline, the same 8 in phase 1: p50 ${send.baseline.p50} ms, p99 ${send.baseline.p99} ms); ` +
        `the slow one p50 ${send.slow.p50} ms, p99 ${send.slow.p99} ms (${send.slow.n} sent)`,
    );
    console.log(`load average (1 min) at the end: ${load1()}`);
    return [
      {
        benchmark: 'webhooks: order.created to 10 endpoints on 127.0.0.1; phase 2 with 1 slow (5 s) and 1 failing (500)',
        figure:
          `${b.orders} orders at ${o.rate}/s offered (${b.shed503} shed); ${b.deliveriesPerSecond} deliveries/s to the 8 healthy, lag p50 ${b.lagP50ms} ms, p99 ${b.lagP99ms} ms; ` +
          `slow endpoint p50 ${b.slow.p50ms} ms (${b.slow.received} received); ` +
          `CPU ${b.cpuMsPerDelivery} ms per delivery over every process (notifications ${b.notificationsCpuMsPerDelivery}); ${a.missing + b.missing} missing; ` +
          `of the lag, placement → event stored p50 ${stored.p50} ms, p99 ${stored.p99} ms; ` +
          `stored → sent to the 8 healthy p50 ${send.healthy.p50} ms, p99 ${send.healthy.p99} ms`,
        target: 'the healthy endpoints’ lag does not grow beside a slow and a failing one',
        baseline: `phase 1, same 8 endpoints, nothing slow or failing, same run: p50 ${a.eightP50ms} ms, p99 ${a.eightP99ms} ms (stored → sent p50 ${send.baseline.p50} ms, p99 ${send.baseline.p99} ms); ${a.deliveriesPerSecond}/s to all 10, ${a.cpuMsPerDelivery} ms CPU per delivery`,
        // The delivery path's own lag: the end-to-end one is the order pipeline's queue on a loaded machine.
        met: a.missing === 0 && b.missing === 0 && send.healthy.p99 <= Math.max(2 * send.baseline.p99, send.baseline.p99 + 250),
        command: commandLine(),
      },
    ];
  } finally {
    await stops.runAll();
  }
}

runBenchmark(main);
