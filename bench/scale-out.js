'use strict';
// Scale-out check (issue 8): the same order load first with one instance of orders and of catalog,
// then with a second instance of each in the same consumer groups. Checks, through kafkajs' admin,
// that both members of each group got partitions and that no partition went to two, and, on the
// services' databases (read-only), that nothing happened twice: each sub-order's stock reserved
// once, one shipment request per confirmed sub-order, one inbox row per placement event. Reports
// orders completed per second with 1 and with 2 instances, measured in the same run.
//
//   source tools/node24-env.sh
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:scale -- [--orders 1000] [--clients 8]
//
// Ports: Kafka 19992 (+1 controller), gateway 29900, health 29901–29904, second instances 29905+.
// Builds to DIST_DIR (dist-bench-scale); databases `scale<time>_*`, dropped at the end (--keep keeps them).
const path = require('node:path');
const { AssignerProtocol, Kafka, logLevel } = require('kafkajs');

const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-scale';
const { DIST } = require('../tools/build');
const { runChecked, startOwnStack } = require('./lib/bench-stack');
const { commandLine, fmt, loadAverage, printBenchResult, sleep } = require('./lib/common');
const { parseOptions } = require('./lib/options');
const { request, untilAnswered } = require('./lib/rest');
const { buildMarketplace } = require('./lib/marketplace');
const { kafkaOf, withAdmin, groupLags } = require('./lib/kafka');
const inv = require('./lib/invariants');

const USAGE = `npm run bench:scale -- [options]   (node bench/scale-out.js)
  --orders 1000    orders per phase (the same load with 1 and with 2 instances)
  --clients 8      storefront clients placing concurrently (closed loop)
  --keep           keep the databases
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), DIST_DIR (dist-bench-scale)`;
const o = parseOptions(process.argv.slice(2), { orders: 1000, clients: 8, keep: false }, USAGE);
const KAFKA_PORT = 19992;
const GATEWAY_PORT = 29900; // health 29901–29904, second instances from 29905
const DB_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN = `scale-admin-${Date.now().toString(36)}-0123456789`;
const SCALED = ['orders', 'catalog'];
const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${msg}`);

/** The postal system's view: shipment requests per order, and when each order had all of its own. */
class ShipmentWatch {
  constructor(brokers, groupId) {
    this.kafka = new Kafka({ clientId: 'scale-postal', brokers, logLevel: logLevel.NOTHING });
    this.groupId = groupId;
    this.expected = new Map(); // order → sub-orders
    this.seen = new Map(); // order → Set(shipment id)
    this.done = new Map(); // order → time all were requested
  }

  async start() {
    this.consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: 'fulfilment.shipments', fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const e = JSON.parse(message.value.toString());
        if (e.type !== 'fulfilment.shipment.requested.v1') return;
        this.seen.set(e.data.orderId, (this.seen.get(e.data.orderId) ?? new Set()).add(e.data.shipmentId));
        this.settle(e.data.orderId);
      },
    });
    return this;
  }

  expect(orderId, subOrders) {
    this.expected.set(orderId, subOrders);
    this.settle(orderId);
  }

  settle(orderId) {
    const n = this.expected.get(orderId);
    if (n !== undefined && (this.seen.get(orderId)?.size ?? 0) >= n && !this.done.has(orderId)) this.done.set(orderId, Date.now());
  }

  async stop() {
    await this.consumer?.disconnect();
  }
}

/** One phase: `o.orders` orders by `o.clients` clients as fast as answers come; done when every shipment request is out. */
async function phase(label, base, m, watch, offset) {
  const ids = [];
  const outcomes = new Map();
  let next = 0;
  let failed = 0;
  let firstFailure;
  const start = Date.now();
  const client = async (c) => {
    for (;;) {
      const i = next++;
      if (i >= o.orders) return;
      const n = offset + i;
      const items = [m.products[n % m.products.length], m.products[(n * 7 + 3) % m.products.length]]
        .slice(0, 1 + (n % 2))
        .map((p) => ({ productId: p.id, quantity: 1 + (n % 3) }));
      const key = `scale-${offset}-${i}`;
      const r = await untilAnswered(() =>
        request(base, 'POST', '/v1/orders', {
          key: m.storefronts[c % m.storefronts.length],
          headers: { 'Idempotency-Key': key },
          body: { buyer: { name: `Khách ${n}`, phone: '0987654321' }, address: m.address, items, paymentMethod: 'cod', note: `ref ${key}` },
        }),
      );
      outcomes.set(key, {
        status: r.answer?.status,
        code: r.answer?.body?.code,
        orderId: r.answer?.status === 201 ? r.answer.body.id : undefined,
        gaveUp: r.gaveUp,
        lastFailure: r.lastFailure,
      });
      if (r.answer?.status === 201) {
        ids.push(r.answer.body.id);
        watch.expect(r.answer.body.id, r.answer.body.subOrders.length);
      } else {
        failed++;
        firstFailure ??= r.answer ? `${r.answer.status} ${JSON.stringify(r.answer.body)}` : `no answer (${r.lastFailure})`;
      }
    }
  };
  await Promise.all(Array.from({ length: o.clients }, (_, c) => client(c)));
  const placedS = (Date.now() - start) / 1000;
  const until = Date.now() + 180_000;
  while (ids.some((id) => !watch.done.has(id)) && Date.now() < until) await sleep(100);
  const last = Math.max(...ids.map((id) => watch.done.get(id) ?? NaN));
  const completed = ids.filter((id) => watch.done.has(id)).length;
  const r = {
    label,
    orders: ids.length,
    failed,
    firstFailure,
    completed,
    placedPerS: ids.length / placedS,
    completedPerS: completed / ((last - start) / 1000),
    load: loadAverage(),
    outcomes,
  };
  log(
    `${label}: ${r.orders} placed (${failed} failed${firstFailure ? `, first: ${firstFailure.slice(0, 300)}` : ''}) in ${placedS.toFixed(1)} s = ${fmt(r.placedPerS)}/s; ${completed} with every shipment requested, ${fmt(r.completedPerS)}/s; load ${r.load}`,
  );
  return r;
}

/**
 * The services' consumer groups (`orders…`, `catalog…`; not the gateway's request clients), each
 * member's partitions, and whether they share without overlap: every partition of the group's
 * topics assigned to exactly one member, every member holding some.
 */
async function groupSharing(brokers, services, instances) {
  return withAdmin(kafkaOf(brokers), async (admin) => {
    const { groups } = await admin.listGroups();
    const ids = groups.map((g) => g.groupId).filter((g) => services.some((s) => g.startsWith(s)) && !g.endsWith('-client'));
    const { groups: described } = await admin.describeGroups(ids);
    const problems = [];
    const lines = [];
    for (const g of described.sort((a, b) => a.groupId.localeCompare(b.groupId))) {
      const topics = new Set();
      const owner = new Map();
      const perMember = [];
      for (const member of g.members) {
        for (const t of member.memberMetadata?.length ? AssignerProtocol.MemberMetadata.decode(member.memberMetadata).topics : [])
          topics.add(t);
        const assignment = member.memberAssignment?.length
          ? AssignerProtocol.MemberAssignment.decode(member.memberAssignment).assignment
          : {};
        let n = 0;
        for (const [topic, parts] of Object.entries(assignment)) {
          for (const p of parts) {
            const k = `${topic}/${p}`;
            if (owner.has(k)) problems.push(`${g.groupId}: ${k} assigned to two members`);
            owner.set(k, member.memberId);
            n++;
          }
        }
        perMember.push(`${member.clientId}@${member.clientHost}: ${n}`);
        if (n === 0) problems.push(`${g.groupId}: member ${member.memberId} holds no partition`);
      }
      if (g.members.length !== instances)
        problems.push(`${g.groupId}: ${g.members.length} members, ${instances} instances running (state ${g.state})`);
      if (g.state !== 'Stable') problems.push(`${g.groupId}: state ${g.state}`);
      const meta = topics.size ? await admin.fetchTopicMetadata({ topics: [...topics] }) : { topics: [] };
      for (const t of meta.topics)
        for (const p of t.partitions)
          if (!owner.has(`${t.name}/${p.partitionId}`)) problems.push(`${g.groupId}: ${t.name}/${p.partitionId} assigned to nobody`);
      lines.push(`${g.groupId} (${[...topics].join(', ')}): ${g.members.length} members, partitions ${perMember.join('; ')}`);
    }
    if (ids.length === 0) problems.push(`no consumer groups of ${services.join(', ')} found`);
    return {
      name: `consumer groups: ${instances} instance${instances > 1 ? 's' : ''} of ${services.join(' and ')}, every partition to exactly one member`,
      ok: problems.length === 0,
      summary: `${ids.length} groups`,
      details: [...problems, ...lines],
    };
  });
}

async function waitStable(brokers, instances, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await groupSharing(brokers, SCALED, instances).catch((e) => ({ ok: false, details: [e.message] }));
    if (r.ok || Date.now() > until) return r;
    await sleep(1000);
  }
}

async function waitQuiet(brokers, watch, ids, timeoutMs = 300_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const lag = await withAdmin(kafkaOf(brokers), (a) => groupLags(a, /^bench-reader-/)).catch(() => null);
    const eventLag = lag?.filter((l) => /(\.events|^fulfilment\.shipments)$/.test(l.topic)).reduce((t, l) => t + l.lag, 0);
    if (eventLag === 0 && ids.every((id) => watch.done.has(id))) return true;
    if (Date.now() > until) return false;
    await sleep(1000);
  }
}

async function main(cleanup) {
  const { prefix, logDir, broker, cluster } = await startOwnStack(cleanup, {
    what: 'scale-out',
    name: 'scale',
    kafkaPort: KAFKA_PORT,
    gatewayPort: GATEWAY_PORT,
    gatewayPorts: 7,
    adminKey: ADMIN,
    databaseUrl: DB_URL,
    keep: o.keep,
  });
  log(`kafka on ${broker.brokers[0]}; cluster of 5 processes ready (logs: ${path.relative(ROOT, logDir)})`);
  const m = await buildMarketplace({
    base: cluster.gatewayUrl,
    adminKey: ADMIN,
    distDir: DIST,
    lots: 0,
    webhookSecrets: {},
  });
  const watch = await new ShipmentWatch(broker.brokers, `postal-${prefix}`).start();
  cleanup.push(() => watch.stop());

  const one = await groupSharing(broker.brokers, SCALED, 1);
  const a = await phase('1 instance', cluster.gatewayUrl, m, watch, 0);
  const added = [];
  for (const app of SCALED) added.push(await cluster.addInstance(app));
  log(`added ${added.join(', ')} (HEALTH_PORT ${GATEWAY_PORT + 5}+, SERVICE_INSTANCE = name); waiting for their groups to rebalance …`);
  const before = await waitStable(broker.brokers, 2);
  const b = await phase('2 instances', cluster.gatewayUrl, m, watch, o.orders);
  const after = await groupSharing(broker.brokers, SCALED, 2);
  after.name += ' (after the load)';
  const allIds = [...watch.expected.keys()];
  const quiet = await waitQuiet(broker.brokers, watch, allIds);
  if (!quiet) log('not quiet after 300 s; checking anyway');

  const state = await inv.readState(DB_URL, prefix);
  const load = (r) => ({
    name: `load (${r.label}): every order placed and every shipment requested`,
    ok: r.orders === o.orders && r.completed === r.orders,
    summary: `${r.orders} of ${o.orders} placed, ${r.completed} complete${r.firstFailure ? `; first failure: ${r.firstFailure.slice(0, 300)}` : ''}`,
    details: [],
  });
  const results = [
    load(a),
    load(b),
    one,
    before,
    after,
    inv.stock(state, m.products),
    inv.placementsApplied(state),
    await inv.shipmentRequests(state, broker.brokers),
    inv.orderStates(state, { pendingTimeoutMs: 120_000, waitingAllowed: ['confirmed'] }),
    inv.idempotency(state, new Map([...a.outcomes, ...b.outcomes])),
    await inv.outboxes(DB_URL, prefix),
    await inv.dlq(broker.brokers),
  ];
  const ok = inv.print(results);
  const ratio = b.completedPerS / a.completedPerS;
  console.log('\n=== throughput, same load, same run ===');
  console.log(`phase          orders  placed/s  completed/s  load average`);
  for (const r of [a, b])
    console.log(
      `${r.label.padEnd(14)} ${String(r.orders).padStart(6)}  ${fmt(r.placedPerS).padStart(8)}  ${fmt(r.completedPerS).padStart(11)}  ${r.load}`,
    );
  console.log(`2 instances ÷ 1 instance: ${fmt(ratio, 2)}× (orders and catalog scaled; gateway, traceability, settlement single)`);
  printBenchResult([
    {
      benchmark: 'scale-out: 2 instances of orders and catalog, no duplicated effect',
      figure: ok
        ? 'partitions shared, every effect once'
        : `FAILED: ${results
            .filter((r) => !r.ok)
            .map((r) => r.name.split(':')[0])
            .join(', ')}`,
      target: 'every partition to one member; each effect once',
      baseline: '1 instance: same checks',
      met: ok,
      command: commandLine(),
    },
    {
      benchmark: 'scale-out: orders completed/s, 2 instances of orders and catalog',
      figure: `${fmt(b.completedPerS)}/s (${fmt(ratio, 2)}× of 1 instance), ${o.orders} orders, ${o.clients} clients`,
      target: 'more than with 1 instance',
      baseline: `1 instance in the same run: ${fmt(a.completedPerS)}/s`,
      met: b.completedPerS > a.completedPerS,
      command: commandLine(),
    },
  ]);
  return ok;
}

runChecked(main);
