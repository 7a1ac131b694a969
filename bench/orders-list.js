'use strict';
// A partner's order list (issue 18, ADR 0051): GET /v1/orders for a partner app whose sellers hold a
// quarter of 100,000 orders, at a fixed rate through the gateway (gateway → orders over Kafka →
// PostgreSQL), beside the same statements alone on PostgreSQL (the orders service's compiled
// repositories, no Kafka, no HTTP). Three lists: newest first, the sub-orders awaiting the seller,
// and a catch-up poller near the head of the feed. CPU per request from /proc, every process of
// the system (gateway, orders, broker, the run's PostgreSQL backends). Starts its own broker and cluster.
//
//   DATABASE_URL=postgres://… node bench/orders-list.js [--orders 100000] [--partners 20] [--rate 100] [--seconds 20] [--warmup 5]
const path = require('node:path');
process.env.DIST_DIR ??= 'dist-bench-orders-list';
const { Client } = require('pg');
const { stopStack } = require('../tools/stack');
const { DIST } = require('../tools/build');
const { startBenchStack } = require('./lib/bench-stack');
const { httpGetter } = require('./catalog/clients');
const { commandLine, fmt, runBenchmark, sleep } = require('./lib/common');
const { constantRate } = require('./lib/open-loop');
const { parseOptions } = require('./lib/options');
const { cpuSeconds } = require('./lib/process-stats');
const { call } = require('./lib/rest');

const USAGE = `node bench/orders-list.js [--orders 100000] [--partners 20] [--rate 100] [--seconds 20] [--warmup 5] [--rounds 3]
env: DATABASE_URL (required), DIST_DIR (dist-bench-orders-list), BENCH_KAFKA_PORT (19792), BENCH_GATEWAY_PORT (29700)`;
const o = parseOptions(process.argv.slice(2), { orders: 100_000, partners: 20, rate: 100, seconds: 20, warmup: 5, rounds: 3 }, USAGE);
const KAFKA_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19792);
const GATEWAY_PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 29700);
const ADMIN = 'bench-admin-key-0123456789abcdef';
const TARGET_P99_MS = 50;
if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL must name the PostgreSQL server');

/** The measured partner, its seller and product, through the API (so ids and keys are real). */
async function partnerApp(base) {
  const { wardsOf } = require(path.join(DIST, 'libs/contracts/src'));
  const admin = (body) => call(base, 'POST', '/v1/admin/api-keys', ADMIN, body).then((r) => r.body);
  const partner = await admin({ role: 'partner', name: 'Ứng dụng HTX số (bench)' });
  const storefront = await admin({ role: 'storefront', name: 'Chợ quê (bench)' });
  const seller = (
    await call(base, 'POST', '/v1/sellers', partner.key, {
      name: 'HTX Vải thiều Lục Ngạn',
      kind: 'cooperative',
      phone: '0912345678',
      address: { provinceCode: '24', wardCode: wardsOf('24')[0].code, line: 'Thôn Đồng Vành' },
    })
  ).body;
  return { partner, storefront, seller };
}

/**
 * `n` orders straight into the orders database, one sub-order each: every `partners`-th one held by
 * the measured partner's seller, the rest by other partners; one in twenty awaiting its seller. Their
 * change positions lie below every running transaction, spread as a day of orders would be.
 */
async function seedOrders(db, n, partners, mine) {
  const [{ x }] = (await db.query(`SELECT pg_current_xact_id()::text::bigint AS x`)).rows;
  // Well below the transactions running now (a busy server's oldest one holds the catch-up feed back).
  const x0 = Math.max(1, Number(x) - n - 100_000);
  await db.query(`
    CREATE TEMP TABLE seed AS
    SELECT i, gen_random_uuid() AS order_id, gen_random_uuid() AS sub_id,
           CASE WHEN i % ${partners} = 0 THEN '${mine.partnerId}' ELSE 'bench-partner-' || (i % ${partners}) END AS partner_id,
           CASE WHEN i % ${partners} = 0 THEN '${mine.sellerId}'::uuid ELSE gen_random_uuid() END AS seller_id,
           CASE WHEN (i / ${partners}) % 20 = 7 THEN 'awaiting_seller' ELSE 'accepted' END AS sub_status,
           now() - (${n} - i) * interval '1 second' AS at, ${x0} + i AS x
      FROM generate_series(1, ${n}) i`);
  await db.query(`
    INSERT INTO orders (id, storefront_key_id, status, buyer_name, buyer_phone, address, payment_method, service, carrier_code,
                        items_vnd, shipping_vnd, cod_vnd, placed_at, updated_at, version, change_xid)
    SELECT order_id, '${mine.storefrontKeyId}', 'confirmed', 'Trần Thị Mai', '+84987654321',
           '{"provinceCode":"79","wardCode":"26734","line":"12 Nguyễn Huệ"}'::jsonb, 'cod', 'standard', 'VNPOST',
           130000, 37000, 167000, at, at, 2, x FROM seed`);
  await db.query(`
    INSERT INTO sub_orders (id, order_id, seller_id, partner_id, seller_name, status, acceptance, accept_by, items, weight_grams,
                            items_vnd, shipping_vnd, cod_fee_vnd, cod_vnd)
    SELECT sub_id, order_id, seller_id, partner_id, 'HTX Vải thiều Lục Ngạn', sub_status, 'manual',
           CASE WHEN sub_status = 'awaiting_seller' THEN at + interval '24 hours' END,
           jsonb_build_array(jsonb_build_object('productId', gen_random_uuid(), 'name', 'Vải thiều Lục Ngạn', 'unit', 'kg',
             'categoryId', 'vai-nhan-chom-chom', 'lotId', null, 'quantity', 2, 'unitPriceVnd', 65000, 'lineVnd', 130000, 'weightGrams', 1000)),
           2000, 130000, 37000, 5000, 167000 FROM seed`);
  await db.query(`INSERT INTO order_partners (partner_id, order_id, change_xid) SELECT partner_id, order_id, x FROM seed`);
  await db.query(`DROP TABLE seed`);
  await db.query(`VACUUM ANALYZE orders`);
  await db.query(`VACUUM ANALYZE sub_orders`);
  await db.query(`VACUUM ANALYZE order_partners`);
}

/** The orders service's own read path (list statement, then the orders' parts), run on PostgreSQL alone. */
async function repositoryReader(databaseUrl) {
  const { DataSource } = require('typeorm');
  const { ORDERS_ENTITIES } = require(path.join(DIST, 'apps/orders/src/orders.module'));
  const { OrderListRepository } = require(path.join(DIST, 'apps/orders/src/orders/order-list.repository'));
  const { OrdersRepository } = require(path.join(DIST, 'apps/orders/src/orders/orders.repository'));
  const ds = await new DataSource({ type: 'postgres', url: databaseUrl, entities: ORDERS_ENTITIES, poolSize: 10 }).initialize();
  const lists = new OrderListRepository(ds);
  const orders = new OrdersRepository(ds);
  return {
    read: async (q) => {
      const { rows } = await lists.page({ limit: 20, ...q });
      await orders.loadMany(rows.slice(0, 20).map((r) => r.id));
    },
    close: () => ds.destroy(),
  };
}

function systemCpu(cluster, brokerPid, db, prefix) {
  return async () => {
    const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname LIKE $1`, [`${prefix}\\_%`]);
    const apps = Object.fromEntries([...cluster.children].map(([name, child]) => [name, cpuSeconds(child.pid)]));
    return { ...apps, kafka: brokerPid ? cpuSeconds(brokerPid) : 0, postgres: new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)])) };
  };
}

async function main() {
  const stops = stopStack();
  const prefix = `benchol${Date.now().toString(36)}`;
  let benchRow;
  try {
    const { cluster, broker, serverUrl } = await startBenchStack(stops, {
      kafkaPort: KAFKA_PORT,
      gatewayPort: GATEWAY_PORT,
      prefix,
      adminKey: ADMIN,
      broker: { wipe: true },
      dropDatabases: true,
      logDir: null,
      env: { LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '1000000', NODE_ENV: 'production' },
    });
    const base = cluster.gatewayUrl;
    const app = await partnerApp(base);
    const ordersUrl = new URL(serverUrl);
    ordersUrl.pathname = `/${prefix}_orders`;
    const db = new Client({ connectionString: ordersUrl.toString() });
    await db.connect();
    stops.push(() => db.end());
    const t0 = Date.now();
    await seedOrders(db, o.orders, o.partners, {
      partnerId: app.partner.partnerId,
      sellerId: app.seller.id,
      storefrontKeyId: app.storefront.id,
    });
    const mine = Math.floor(o.orders / o.partners);
    console.log(`seeded ${o.orders} orders (${mine} of them the partner's) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // A catch-up poller near the head: the cursor 1,000 changes (at most half the list) before the newest.
    const head = (await call(base, 'GET', `/v1/orders?limit=100`, app.partner.key)).body;
    if (head.items?.length !== 100) throw new Error(`the partner's list answered ${JSON.stringify(head).slice(0, 300)}`);
    const [{ x, id }] = (
      await db.query(
        `SELECT change_xid::text AS x, order_id AS id FROM order_partners WHERE partner_id = $1 ORDER BY change_xid DESC, order_id DESC OFFSET $2 LIMIT 1`,
        [app.partner.partnerId, Math.min(1000, Math.floor(mine / 2))],
      )
    ).rows;
    const cursor = Buffer.from(JSON.stringify({ x, id, d: 'a' })).toString('base64url');
    const caught = (await call(base, 'GET', `/v1/orders?cursor=${cursor}&limit=20`, app.partner.key)).body;
    const waiting = (await call(base, 'GET', `/v1/orders?subOrderStatus=awaiting_seller&limit=20`, app.partner.key)).body;
    if (caught.items.length !== 20 || waiting.items.length !== 20 || waiting.items.some((w) => w.subOrders[0].status !== 'awaiting_seller'))
      throw new Error(
        `the catch-up (${caught.items?.length}) or awaiting_seller (${waiting.items?.length}) page is not what the seed holds`,
      );
    console.log('answers checked through the gateway: newest 100, a catch-up page, an awaiting_seller page');

    const cases = [
      { name: 'newest first', path: `/v1/orders?limit=20`, q: { catchUp: false } },
      {
        name: 'awaiting the seller',
        path: `/v1/orders?subOrderStatus=awaiting_seller&limit=20`,
        q: { catchUp: false, subOrderStatus: ['awaiting_seller'] },
      },
      { name: 'catch-up near the head', path: `/v1/orders?cursor=${cursor}&limit=20`, q: { catchUp: true, after: { x, id } } },
    ];
    const caller = { keyId: app.partner.id, role: 'partner', partnerId: app.partner.partnerId };
    const gateway = httpGetter(base, app.partner.key, 64);
    const sql = await repositoryReader(ordersUrl.toString());
    stops.push(() => sql.close());
    const cpu = systemCpu(cluster, broker.pid, db, prefix);
    const load = { rate: o.rate, seconds: o.seconds, warmup: o.warmup, maxInFlight: 256 };
    const rows = [];
    const tails = [];
    // Rounds alternate the gateway and PostgreSQL alone, so a noisy minute spoils both or neither.
    for (let round = 1; round <= o.rounds; round++) {
      for (const c of cases) {
        const before = await cpu();
        const viaGateway = await constantRate(load, () => gateway.get(c.path));
        const after = await cpu();
        const alone = await constantRate(load, () => sql.read({ caller, ...c.q }));
        const used = Object.fromEntries(Object.keys(after).map((k) => [k, k === 'postgres' ? 0 : after[k] - (before[k] ?? 0)]));
        // A backend that closed meanwhile took its CPU time with it; one that opened counts whole.
        for (const [pid, t] of after.postgres) used.postgres += t - (before.postgres.get(pid) ?? 0);
        const total = Object.values(used).reduce((t, v) => t + v, 0);
        const n = viaGateway.ok + viaGateway.errors;
        rows.push({
          round,
          list: c.name,
          'gateway/s': fmt(viaGateway.achieved),
          'p50 ms': fmt(viaGateway.p50),
          'p99 ms': fmt(viaGateway.p99),
          errors: viaGateway.errors + viaGateway.shed,
          'SQL alone p50': fmt(alone.p50),
          'SQL alone p99': fmt(alone.p99),
          'cpu ms/req': fmt((total * 1000) / Math.max(1, n + o.rate * o.warmup), 2),
          'gw/orders/kafka/pg ms': [used.gateway, used.orders, used.kafka, used.postgres]
            .map((v) => fmt(((v ?? 0) * 1000) / Math.max(1, n + o.rate * o.warmup), 2))
            .join(' / '),
        });
        tails.push({ list: c.name, p99: viaGateway.p99, sqlP99: alone.p99, errors: viaGateway.errors + viaGateway.shed });
        if (viaGateway.errors > 0) console.log(`  ${c.name}: first error ${viaGateway.firstError}`);
        await sleep(500);
      }
    }
    gateway.close();
    console.table(rows);
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const per = cases.map((c) => {
      const mine = tails.filter((r) => r.list === c.name);
      return {
        list: c.name,
        p99: median(mine.map((r) => r.p99)),
        sqlP99: median(mine.map((r) => r.sqlP99)),
        errors: mine.reduce((t, r) => t + r.errors, 0),
      };
    });
    for (const p of per)
      console.log(`median of ${o.rounds} rounds, ${p.list}: p99 ${fmt(p.p99)} ms through the gateway, ${fmt(p.sqlP99)} ms SQL alone`);
    const met = per.every((p) => p.p99 <= TARGET_P99_MS && p.errors === 0);
    benchRow = {
      benchmark: `orders: a partner's order list (GET /v1/orders) over ${o.orders} orders, ${mine} the partner's`,
      figure: per.map((p) => `${p.list} p99 ${fmt(p.p99)} ms`).join('; '),
      target: `p99 ≤ ${TARGET_P99_MS} ms at ${o.rate}/s (median of ${o.rounds} rounds)`,
      baseline: per.map((p) => `${p.list} SQL alone p99 ${fmt(p.sqlP99)} ms`).join('; '),
      met,
      command: commandLine(),
    };
  } finally {
    await stops.runAll();
  }
  return benchRow && [benchRow];
}

runBenchmark(main);
