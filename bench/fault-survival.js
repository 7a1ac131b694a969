'use strict';
// Fault survival (issue 8): thousands of orders placed through the gateway by storefronts that
// retry like real clients, postal carriers delivering and collecting COD through the REST intake
// and the native webhooks, while every process (the four services and the gateway) is SIGKILLed
// and restarted at seeded random moments and the Kafka broker is restarted once. Once the system
// is quiet, the invariants are checked on the services' databases (read-only), the broker and the
// API, and printed; the exit code is non-zero when one fails. See bench/README.md and ADR 0041.
//
//   source tools/node24-env.sh
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run fault -- [--orders 3000] [--seed 1]
//
// Ports: Kafka 19892 (+1 controller), gateway 29800, services' health 29801–29805, the gateway's
// metrics 29806, second instances (--instances 2) 29807–29813. Builds to
// DIST_DIR (dist-bench-fault); databases `fault<time>_*`, dropped at the end (--keep keeps them).
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-fault';
const { DIST } = require('../tools/build');
const { APPS } = require('../tools/cluster');
const { runChecked, startOwnStack } = require('./lib/bench-stack');
const { commandLine, fmt, loadAverage, printBenchResult, prng, sleep } = require('./lib/common');
const { parseOptions } = require('./lib/options');
const { buildMarketplace } = require('./lib/marketplace');
const { PostalCarriers } = require('./lib/postal');
const inv = require('./lib/invariants');
const { Faults, faultPlan } = require('./fault/faults');
const { placeOrders } = require('./fault/storefronts');
const { waitQuiet } = require('./fault/quiet');
const { faultWindows, quantile } = require('./fault/windows');

const USAGE = `npm run fault -- [options]   (node bench/fault-survival.js)
  --orders 3000            orders to place
  --seed 1                 PRNG seed: baskets, cancellations, failed deliveries, kill moments
  --clients 8              storefront clients placing concurrently
  --rate 12                orders started per second at most (the kills are spread over orders/rate seconds)
  --kills-per-app 2        SIGKILLs per process (catalog, orders, traceability, settlement, gateway)
  --broker-restarts 1      Kafka broker restarts
  --broker-signal TERM     TERM: a clean broker restart; KILL: the broker is SIGKILLed
  --targets all            only these, comma-separated: catalog,orders,traceability,settlement,gateway,kafka
  --max-down-ms 3000       a killed process stays down up to this long before it is restarted
  --instances 1            2: two instances of every service and of the gateway; storefronts fail over
                           between the gateways, and every instance is a target (issue 23)
  --signal KILL            KILL, or TERM (a rolling restart: each instance drains and exits by itself)
  --cancel-share 0.08      share of orders the buyer cancels soon after placing
  --fail-share 0.1         share of parcels that fail delivery and are returned
  --pending-timeout-ms 90000   ORDER_PENDING_TIMEOUT_MS for the run
  --complete-after-hours 0     ORDER_COMPLETE_AFTER_HOURS (0: delivered orders complete at the next sweep)
  --quiet-timeout-s 3600   longest wait for the system to become quiet before checking anyway
  --stall-timeout-s 300    … or until nothing moved (order states, parcels) for this long
  --in-progress-give-up-s 60   a client stops retrying a key answered 409 idempotency_in_progress after this
  --keep                   keep the databases
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), DIST_DIR (dist-bench-fault)`;

const o = parseOptions(
  process.argv.slice(2),
  {
    orders: 3000,
    seed: 1,
    clients: 8,
    rate: 12,
    killsPerApp: 2,
    brokerRestarts: 1,
    brokerSignal: 'TERM',
    targets: 'all',
    maxDownMs: 3000,
    instances: 1,
    signal: 'KILL',
    cancelShare: 0.08,
    failShare: 0.1,
    pendingTimeoutMs: 90_000,
    completeAfterHours: 0,
    quietTimeoutS: 3600,
    stallTimeoutS: 300,
    inProgressGiveUpS: 60,
    keep: false,
  },
  USAGE,
);
const KAFKA_PORT = 19892;
const GATEWAY_PORT = 29800; // health 29801–29804; below the ephemeral range (32768–60999)
const DB_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN = `fault-admin-${Date.now().toString(36)}-0123456789`;
const SECRETS = { VNPOST: 'vnpost-fault-webhook-secret', VTP: 'vtp-fault-webhook-secret' };
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
const log = (msg) => console.log(`[${elapsed().padStart(6)}] ${msg}`);

// ---------------------------------------------------------------------------------------------

async function main(cleanup) {
  log(`building ${path.relative(ROOT, DIST)}/ …`);
  let faults;
  const { prefix, logDir, broker, cluster } = await startOwnStack(cleanup, {
    what: 'fault-survival',
    name: 'fault',
    kafkaPort: KAFKA_PORT,
    gatewayPort: GATEWAY_PORT,
    gatewayPorts: o.instances > 1 ? 14 : 7,
    adminKey: ADMIN,
    databaseUrl: DB_URL,
    keep: o.keep,
    onExit: (name, exit) => faults?.onExit(name, exit),
    env: {
      CARRIER_WEBHOOK_SECRETS: `VTP:${SECRETS.VTP},VNPOST:${SECRETS.VNPOST}`,
      ORDER_PENDING_TIMEOUT_MS: String(o.pendingTimeoutMs),
      ORDER_COMPLETE_AFTER_HOURS: String(o.completeAfterHours),
      ORDER_SWEEP_INTERVAL_MS: '2000',
      // Twice the processes on one PostgreSQL (max_connections 100 by default): half the pool each.
      ...(o.instances > 1 ? { DB_POOL_SIZE: '5' } : {}),
    },
    beforeCluster: (_env, b) => log(`kafka on ${b.brokers[0]} in ${(b.readyMs / 1000).toFixed(1)} s`),
  });
  // Runs before the cluster stops: an exit from then on is no fault.
  cleanup.push(async () => {
    if (faults) faults.stopped = true;
  });
  faults = new Faults(cluster, { o, t0, log, kafkaPort: KAFKA_PORT });
  if (o.instances > 1) {
    for (let k = 1; k < o.instances; k++) for (const app of APPS) await cluster.addInstance(app);
    log(`second instances ready: ${cluster.names().join(', ')}`);
  }
  const gatewayUrls = cluster
    .names()
    .filter((name) => cluster.appOf(name) === 'gateway')
    .map((name) => cluster.readyUrl(name).replace(/\/health\/ready$/, ''));
  log(`cluster of ${cluster.names().length} processes ready (logs: ${path.relative(ROOT, logDir)}); making the marketplace …`);

  const m = await buildMarketplace({
    base: cluster.gatewayUrl,
    adminKey: ADMIN,
    distDir: DIST,
    scarceEvery: 6,
    scarceStock: 40,
    lots: 2,
    webhookSecrets: SECRETS,
  });
  log(
    `${m.sellers.length} sellers, ${m.products.length} products (${m.products.filter((p) => p.scarce).length} scarce), ${m.lots.length} traced lots, ${m.storefronts.length} storefronts`,
  );
  const postal = await new PostalCarriers({
    base: cluster.gatewayUrl,
    brokers: broker.brokers,
    groupId: `postal-${prefix}`,
    keys: m.carriers,
    secrets: SECRETS,
    seed: o.seed,
    failShare: o.failShare,
  }).start();
  cleanup.push(() => postal.stop());

  const loadSeconds = o.orders / o.rate;
  const plan = faultPlan(prng(o.seed), loadSeconds, o, o.instances > 1 ? cluster.names() : APPS);
  log(
    `fault plan (seed ${o.seed}, over ~${loadSeconds.toFixed(0)} s of placing): ${plan.map((e) => `${e.target}@${e.atS.toFixed(0)}s`).join(' ')}`,
  );
  const progress = { answered: 0 };
  const loadStart = Date.now();
  const chaos = (async () => {
    for (const e of plan) {
      const wait = loadStart + e.atS * 1000 - Date.now();
      if (wait > 0) await sleep(wait);
      void faults.kill(e);
    }
    await faults.drain();
  })();
  const ticker = setInterval(
    () =>
      log(
        `placed ${progress.answered}/${o.orders} (${fmt(progress.answered / ((Date.now() - loadStart) / 1000))}/s); carriers: ${postal.shipments.size} requests read, ${[...postal.outcomes.values()].reduce((a, b) => a + b, 0)} done; load ${loadAverage()}`,
      ),
    15_000,
  );
  const load = await placeOrders(gatewayUrls, m, progress, o).finally(() => clearInterval(ticker));
  log(`all ${o.orders} orders answered in ${load.seconds.toFixed(0)} s; waiting for the remaining faults …`);
  await chaos;
  for (const name of cluster.names()) if (!cluster.isRunning(name)) await faults.bringUp(name, 'the end of the fault plan');
  log('faults done, every process running; waiting until the system is quiet …');
  const quiet = await waitQuiet(prefix, broker.brokers, postal, { o, log, dbUrl: DB_URL });
  log(quiet.quiet ? 'quiet' : `NOT quiet (${quiet.why}): ${JSON.stringify(quiet.s)} — checking anyway`);
  faults.stopped = true;
  const loadAfter = loadAverage();

  const state = await inv.readState(DB_URL, prefix);
  const results = [
    inv.orderStates(state, { pendingTimeoutMs: o.pendingTimeoutMs, waitingAllowed: o.completeAfterHours > 0 ? ['delivered'] : [] }),
    inv.stock(state, m.products),
    inv.ledger(state),
    await inv.trialBalance(state, cluster.gatewayUrl, ADMIN),
    await inv.outboxes(DB_URL, prefix),
    await inv.dlq(broker.brokers),
    await inv.shipmentRequests(state, broker.brokers),
    inv.placementsApplied(state),
    inv.idempotency(state, load.outcomes),
    await inv.lots(state, m.lots, cluster.gatewayUrl, m.partner),
  ];
  if (!quiet.quiet)
    results.push({ name: 'quiet: the system settled', ok: false, summary: `${quiet.why}: ${JSON.stringify(quiet.s)}`, details: [] });

  console.log('\n=== the run ===');
  console.log(`orders: ${o.orders} by ${o.clients} clients at ≤ ${o.rate}/s, placed in ${load.seconds.toFixed(0)} s; seed ${o.seed}`);
  console.log(`client retries by cause: ${[...load.retries].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  console.log(`cancellations: ${[...load.cancels].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  console.log(
    `carriers: ${postal.shipments.size} shipment requests read; outcomes ${[...postal.outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`,
  );
  console.log(`carrier reports sent: ${[...postal.reports].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`carrier retries by cause: ${[...postal.retries].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  for (const p of postal.problems.slice(0, 10)) console.log(`carrier problem: ${p}`);
  console.log('faults:');
  for (const f of faults.log)
    console.log(`  ${f.target.padEnd(12)} ${f.atS !== undefined ? `@${f.atS.toFixed(0)} s `.padEnd(8) : ''}${f.what}`);
  // Not an invariant (a supervisor restarts them, as Kubernetes would), but worth knowing.
  const windows = faultWindows(faults.windows, load.placed);
  const readyMs = faults.windows.map((w) => w.readyMs);
  const failed = [...load.retries].filter(([k]) => k !== 'refused' && !k.startsWith('409')).reduce((t, [, v]) => t + v, 0);
  console.log('each fault, from its signal until its process was ready again + 5 s:');
  for (const [k, w] of windows.entries())
    console.log(
      `  ${w.target.padEnd(14)} ready ${(faults.windows[k].readyMs / 1000).toFixed(1)} s after restart (${(faults.windows[k].cpuMs / 1000).toFixed(1)} s of CPU); longest gap between placements ${(w.gapMs / 1000).toFixed(2)} s; p99 placement ${w.p99Ms === undefined ? '—' : `${(w.p99Ms / 1000).toFixed(2)} s`} (${w.placements} placed)`,
    );
  const worst = {
    readyMs: Math.max(0, ...readyMs),
    gapMs: Math.max(0, ...windows.map((w) => w.gapMs)),
    p99Ms: quantile(
      load.placed.filter((p) => faults.windows.some((w) => p.at - p.ms >= w.atMs && p.at - p.ms <= w.untilMs)).map((p) => p.ms),
      99,
    ),
  };
  console.log(
    `time to ready after restart: max ${(worst.readyMs / 1000).toFixed(1)} s, median ${((quantile(readyMs, 50) ?? 0) / 1000).toFixed(1)} s (target ≤ 5 s)`,
  );
  console.log(
    `longest gap between successful placements in a fault window: ${(worst.gapMs / 1000).toFixed(2)} s; p99 placement latency over the fault windows: ${worst.p99Ms === undefined ? '—' : `${(worst.p99Ms / 1000).toFixed(2)} s`} (targets with --instances 2: ≤ 2 s, ≤ 3 s)`,
  );
  console.log(
    `failed requests (5xx, timeouts, resets; not counting connections refused by a stopped gateway and sent to another): ${failed}${o.signal === 'TERM' ? ' (target with --signal TERM: 0)' : ''}`,
  );
  console.log(`processes that exited on their own: ${faults.unexpected.length === 0 ? 'none' : ''}`);
  for (const u of faults.unexpected)
    console.log(
      `  ${u.name} at ${u.atS.toFixed(0)} s ${u.duringStart ? 'while starting' : 'while running'}: code ${u.code}, signal ${u.signal} (${path.relative(ROOT, logDir)}/${u.name}.log)`,
    );
  console.log(`load average at the end: ${loadAfter}`);
  const ok = inv.print(results);
  const failedInvariants = results.filter((r) => !r.ok).map((r) => r.name.split(':')[0]);
  printBenchResult([
    {
      benchmark: `fault survival: orders under ${o.signal === 'TERM' ? 'SIGTERMs' : 'SIGKILLs'}${o.brokerRestarts > 0 && (o.targets === 'all' || o.targets.split(',').includes('kafka')) ? ' and a broker restart' : ''}${o.instances > 1 ? `, ${o.instances} instances of every app` : ''}`,
      figure: `${o.orders} orders, ${faults.log.filter((f) => f.what.startsWith('SIG')).length} faults: ${ok ? 'all invariants hold' : `FAILED ${failedInvariants.join(', ')}`} (${elapsed()})`,
      target: 'every invariant holds',
      baseline: '—',
      met: ok,
      command: commandLine(),
    },
  ]);
  return ok;
}

runChecked(main);
