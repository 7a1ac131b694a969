'use strict';
// Webhook delivery under the order load (issue 19): orders placed through the gateway at a fixed
// rate, each an `order.created` event delivered to 10 endpoints of the storefront on a local
// receiver (127.0.0.1). Phase 1: every endpoint answers at once. Phase 2: one endpoint answers after
// 5 s and one answers 500 (retried by the schedule); the other 8 must keep their lag.
//
//   node bench/webhooks-delivery.js [--rate 30] [--seconds 20] [--warmup 5]
//
// Prints deliveries/s, the lag from the domain event (the order's placedAt) to the delivery
// (p50/p99) of the healthy endpoints per phase, and beside them the CPU the notifications process
// spent per delivery. Needs DATABASE_URL; starts and stops its own broker and cluster.
const http = require('node:http');
const path = require('node:path');
const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-webhooks';
const { stopStack } = require('../tools/stack');
const { startBenchStack } = require('./lib/bench-stack');
const { commandLine, readOnlyClient, runBenchmark, sleep } = require('./lib/common');
const { parseOptions } = require('./lib/options');
const { cpuSeconds } = require('./lib/process-stats');
const { call } = require('./lib/rest');

const USAGE = `node bench/webhooks-delivery.js [--rate 30] [--seconds 20] [--warmup 5]
env: DATABASE_URL (required), DIST_DIR (dist-bench-webhooks); Kafka on 19592, gateway on 29500`;
const o = parseOptions(process.argv.slice(2), { rate: 30, seconds: 20, warmup: 5 }, USAGE);
const KAFKA_PORT = 19592;
const GATEWAY_PORT = 29500; // below the ephemeral range (32768–60999)
const ADMIN = 'bench-admin-key-0123456789abcdef';
const ENDPOINTS = 10;
const SLOW = 8; // answers after 5 s in phase 2
const FAILING = 9; // answers 500 in phase 2
const DB_URL = process.env.DATABASE_URL;
if (!DB_URL) throw new Error('DATABASE_URL must name the PostgreSQL server to benchmark on');

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** The receiver: one server, `/e<n>` per endpoint; hands each healthy delivery of order.created to `onDelivery`. */
function receiver(state) {
  const server = http.createServer({ keepAliveTimeout: 65000 }, (req, res) => {
    const n = Number(req.url.slice(2));
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const at = Date.now();
      if (state.phase === 2 && n === FAILING) return res.writeHead(500).end();
      const answer = () => res.writeHead(204).end();
      if (state.phase === 2 && n === SLOW) return void setTimeout(answer, 5000);
      answer();
      const e = JSON.parse(body);
      if (e.type === 'order.created') state.onDelivery(n, e, at);
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

/** Places orders at `rate`/s for `seconds` (open loop); resolves with the ids placed. */
async function load(base, s, rate, seconds) {
  const ids = [];
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
      .then((r) => r.status === 201 && ids.push(r.body.id))
      .catch(() => undefined)
      .finally(() => inflight.delete(p));
    inflight.add(p);
  }
  await Promise.all(inflight);
  return ids;
}

/** One phase: the orders placed, then until every healthy endpoint has each (or 60 s). */
async function phase(state, base, s, healthy, pid) {
  const cpu0 = cpuSeconds(pid);
  const t0 = Date.now();
  const ids = await load(base, s, o.rate, o.seconds);
  const complete = () => ids.every((id) => healthy.every((n) => (state.byOrder.get(id) ?? []).some((d) => d.n === n)));
  const deadline = Date.now() + 60000;
  while (!complete() && Date.now() < deadline) await sleep(100);
  const elapsed = (Date.now() - t0) / 1000;
  const cpu = cpuSeconds(pid) - cpu0;
  const lags = [];
  for (const id of ids) for (const d of state.byOrder.get(id) ?? []) if (healthy.includes(d.n)) lags.push(d.lag);
  lags.sort((a, b) => a - b);
  return {
    orders: ids.length,
    healthyDeliveries: lags.length,
    missing: ids.length * healthy.length - lags.length,
    deliveriesPerSecond: +(lags.length / elapsed).toFixed(1),
    lagP50ms: percentile(lags, 50),
    lagP99ms: percentile(lags, 99),
    notificationsCpuSeconds: +cpu.toFixed(2),
    cpuMsPerDelivery: +((cpu * 1000) / Math.max(1, lags.length)).toFixed(2),
  };
}

async function main() {
  const stops = stopStack();
  const state = { phase: 0, byOrder: new Map() };
  state.onDelivery = (n, e, at) => {
    const seen = state.byOrder.get(e.data.orderId) ?? [];
    seen.push({ n, lag: at - Date.parse(e.data.placedAt) });
    state.byOrder.set(e.data.orderId, seen);
  };
  try {
    const server = await receiver(state);
    stops.push(() => new Promise((r) => server.close(r)));
    const urlOf = (n) => `http://127.0.0.1:${server.address().port}/e${n}`;
    const prefix = `benchwh${Date.now().toString(36)}`;
    const { cluster, serverUrl } = await startBenchStack(stops, {
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
    state.phase = 1;
    await load(base, s, o.rate, o.warmup);
    const all = [...Array(ENDPOINTS).keys()];
    const a = await phase(state, base, s, all, pid);
    console.log('phase 1, 10 healthy endpoints:', JSON.stringify(a));
    state.phase = 2;
    const b = await phase(
      state,
      base,
      s,
      all.filter((n) => n !== SLOW && n !== FAILING),
      pid,
    );
    console.log('phase 2, 8 healthy, 1 answering after 5 s, 1 answering 500:', JSON.stringify(b));
    // Where the lag is: from the order's placement to the stored public event (outbox, Kafka, inbox).
    const db = await readOnlyClient(serverUrl, `${prefix}_notifications`);
    const { rows } = await db.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM created_at - (body->'data'->>'placedAt')::timestamptz) * 1000 AS ms
                 FROM public_events WHERE type = 'order.created') x`,
    );
    await db.end();
    const stored = { p50: Math.round(rows[0].p50), p99: Math.round(rows[0].p99) };
    console.log(`placement → public event stored (both phases): p50 ${stored.p50} ms, p99 ${stored.p99} ms`);
    return [
      {
        benchmark: 'webhooks: order.created to 10 endpoints on 127.0.0.1; phase 2 with 1 slow (5 s) and 1 failing (500)',
        figure:
          `${b.deliveriesPerSecond} deliveries/s to the 8 healthy, lag p50 ${b.lagP50ms} ms, p99 ${b.lagP99ms} ms; ` +
          `CPU of notifications ${b.cpuMsPerDelivery} ms per delivery; ${a.missing + b.missing} missing; ` +
          `of the lag, placement → event stored p50 ${stored.p50} ms, p99 ${stored.p99} ms`,
        target: 'the healthy endpoints’ lag does not grow beside a slow and a failing one',
        baseline: `phase 1, all 10 healthy, same run: ${a.deliveriesPerSecond}/s, p50 ${a.lagP50ms} ms, p99 ${a.lagP99ms} ms, ${a.cpuMsPerDelivery} ms CPU per delivery`,
        met: a.missing === 0 && b.missing === 0 && b.lagP99ms <= Math.max(2 * a.lagP99ms, a.lagP99ms + 250),
        command: commandLine(),
      },
    ];
  } finally {
    await stops.runAll();
  }
}

runBenchmark(main);
