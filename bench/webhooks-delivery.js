'use strict';
// Webhook delivery under the order load (issue 19): orders placed through the gateway at a fixed
// rate, each an `order.created` event delivered to 10 endpoints of the storefront on a local
// receiver (127.0.0.1). Phase 1: every endpoint answers at once. Phase 2: one endpoint answers after
// 5 s and one answers 500 (retried by the schedule); the other 8 must keep their lag.
//
//   node bench/webhooks-delivery.js [--rate 30] [--seconds 20] [--warmup 5]
//
// Prints deliveries/s, the lag from the domain event (the order's placedAt) to the delivery
// (p50/p99) of the healthy endpoints per phase, and the CPU the notifications process spent per
// delivery. Needs DATABASE_URL; starts and stops its own broker and cluster.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-webhooks';
const { build } = require('../tools/build');
const { startCluster } = require('../tools/cluster');
const { ensureBroker, stopBroker } = require('../tools/kafka/broker');
const { commandLine, printBenchResult, parseOptions } = require('./lib/common');

const o = parseOptions(
  process.argv.slice(2),
  { rate: 30, seconds: 20, warmup: 5 },
  'node bench/webhooks-delivery.js [--rate 30] [--seconds 20] [--warmup 5]',
);
const KAFKA_PORT = 19592;
const GATEWAY_PORT = 29500;
const ADMIN = 'bench-admin-key-0123456789abcdef';
const ENDPOINTS = 10;
const SLOW = 8; // answers after 5 s in phase 2
const FAILING = 9; // answers 500 in phase 2
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must name the PostgreSQL server to benchmark on');

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function call(base, method, p, key, body) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The receiver: one server, `/e<n>` per endpoint; records healthy deliveries of order.created. */
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

/** Places orders at `rate`/s for `seconds`; resolves with the ids placed. */
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

async function main() {
  build({ quiet: true });
  const broker = await ensureBroker({ port: KAFKA_PORT });
  const prefix = `benchwh${Date.now().toString(36)}`;
  const state = { phase: 0, byOrder: new Map() };
  state.onDelivery = (n, e, at) => {
    const lag = at - Date.parse(e.data.placedAt);
    const seen = state.byOrder.get(e.data.orderId) ?? [];
    seen.push({ n, lag, phase: state.phase });
    state.byOrder.set(e.data.orderId, seen);
  };
  const server = await receiver(state);
  const urlOf = (n) => `http://127.0.0.1:${server.address().port}/e${n}`;
  const env = {
    ...process.env,
    KAFKA_BROKERS: broker.brokers.join(','),
    DB_NAME_PREFIX: prefix,
    ADMIN_API_KEY: ADMIN,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_MS: '200',
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  };
  const cluster = await startCluster({
    env,
    port: GATEWAY_PORT,
    healthPortBase: GATEWAY_PORT + 1,
    logDir: path.join(ROOT, '.data', 'bench-logs', prefix),
  });
  const rows = [];
  try {
    const base = cluster.gatewayUrl;
    const s = await setup(base, urlOf);
    const pid = cluster.children.get('notifications').pid;
    state.phase = 1;
    await load(base, s, o.rate, o.warmup);
    const results = {};
    for (const phase of [1, 2]) {
      state.phase = phase;
      const healthy = [...Array(ENDPOINTS).keys()].filter((n) => phase === 1 || (n !== SLOW && n !== FAILING));
      const cpu0 = cpuSeconds(pid);
      const t0 = Date.now();
      const ids = await load(base, s, o.rate, o.seconds);
      const want = new Set(ids);
      const complete = () => ids.every((id) => healthy.every((n) => (state.byOrder.get(id) ?? []).some((d) => d.n === n)));
      const deadline = Date.now() + 60000;
      while (!complete() && Date.now() < deadline) await sleep(100);
      const elapsed = (Date.now() - t0) / 1000;
      const cpu = cpuSeconds(pid) - cpu0;
      const lags = [];
      let delivered = 0;
      for (const id of want) for (const d of state.byOrder.get(id) ?? []) if (healthy.includes(d.n)) (lags.push(d.lag), (delivered += 1));
      lags.sort((a, b) => a - b);
      results[phase] = {
        orders: ids.length,
        healthyDeliveries: delivered,
        missing: ids.length * healthy.length - delivered,
        deliveriesPerSecond: +(delivered / elapsed).toFixed(1),
        lagP50ms: percentile(lags, 50),
        lagP99ms: percentile(lags, 99),
        notificationsCpuSeconds: +cpu.toFixed(2),
        cpuMsPerDelivery: +((cpu * 1000) / Math.max(1, delivered)).toFixed(3),
      };
      console.log(
        `phase ${phase} (${phase === 1 ? '10 healthy endpoints' : '8 healthy, 1 answering after 5 s, 1 answering 500'}):`,
        JSON.stringify(results[phase]),
      );
    }
    const [a, b] = [results[1], results[2]];
    rows.push({
      benchmark: 'webhooks: order.created to 10 endpoints, 1 slow (5 s) and 1 failing (500) in phase 2',
      figure:
        `${b.deliveriesPerSecond} deliveries/s to the 8 healthy; lag p50 ${b.lagP50ms} ms, p99 ${b.lagP99ms} ms ` +
        `(all healthy: ${a.deliveriesPerSecond}/s, p50 ${a.lagP50ms} ms, p99 ${a.lagP99ms} ms); ` +
        `notifications CPU ${b.cpuMsPerDelivery} ms per delivery (${a.cpuMsPerDelivery} ms all healthy); missing ${a.missing + b.missing}`,
      target: 'the healthy endpoints’ lag does not grow with a slow and a failing endpoint beside them',
      baseline: `the same endpoints all healthy, same run, ${o.rate} orders/s`,
      met: b.missing === 0 && a.missing === 0 && b.lagP99ms <= Math.max(2 * a.lagP99ms, a.lagP99ms + 250),
      command: commandLine(),
    });
  } finally {
    await cluster.stop().catch(() => undefined);
    server.close();
    await stopBroker({ port: KAFKA_PORT });
  }
  printBenchResult(rows);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
