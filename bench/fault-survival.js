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
// Ports: Kafka 19892 (+1 controller), gateway 29800, services' health 29801–29804. Builds to
// DIST_DIR (dist-bench-fault); databases `fault<time>_*`, dropped at the end (--keep keeps them).
const path = require('node:path');
const { setTimeout: sleepTimer } = require('node:timers/promises');

const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-fault';
const { build, DIST } = require('../tools/build');
const { startCluster, APPS } = require('../tools/cluster');
const { ensureBroker, stopBroker, brokerStatus } = require('../tools/kafka/broker');
const {
  assertPortsFree,
  cleanupStack,
  commandLine,
  dropDatabases,
  fmt,
  listDatabases,
  loadAverage,
  parseOptions,
  printBenchResult,
  prng,
  readOnlyClient,
  sleep,
} = require('./lib/common');
const { request, untilAnswered } = require('./lib/rest');
const { buildMarketplace } = require('./lib/marketplace');
const { PostalCarriers } = require('./lib/postal');
const { kafkaOf, withAdmin, groupLags } = require('./lib/kafka');
const inv = require('./lib/invariants');

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
// Faults: a plan drawn from the seed, carried out one step at a time per target.

function faultPlan(rnd, loadSeconds) {
  const events = [];
  for (const app of APPS) for (let k = 0; k < o.killsPerApp; k++) events.push({ target: app, atS: rnd.between(0.05, 0.85) * loadSeconds });
  for (let k = 0; k < o.brokerRestarts; k++) events.push({ target: 'kafka', atS: rnd.between(0.25, 0.7) * loadSeconds });
  for (const e of events) e.downMs = Math.round(rnd.between(200, o.maxDownMs));
  // Drawn for every target first, so narrowing --targets keeps the others' moments.
  const targets = o.targets === 'all' ? null : o.targets.split(',');
  return events.filter((e) => !targets || targets.includes(e.target)).sort((a, b) => a.atS - b.atS);
}

class Faults {
  constructor(cluster) {
    this.cluster = cluster;
    this.chains = new Map();
    this.busy = new Set();
    this.log = []; // what happened, for the report
    this.unexpected = []; // exits nobody asked for
    this.stopped = false;
  }

  /** Runs `fn` after whatever this target is doing now. */
  enqueue(target, fn) {
    const next = (this.chains.get(target) ?? Promise.resolve())
      .then(fn)
      .catch((e) => this.log.push({ target, what: `error: ${e.message}` }));
    this.chains.set(target, next);
    return next;
  }

  /** Starts an app again and waits until it is ready; a start that dies is retried, as a supervisor would. */
  async bringUp(app, why) {
    this.busy.add(app);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const ms = await this.cluster.restart(app, { timeoutMs: 240_000 });
          return { ms, attempts: attempt };
        } catch (e) {
          this.log.push({ target: app, what: `start after ${why} failed (attempt ${attempt}): ${e.message}` });
          if (attempt >= 10 || this.stopped) throw e;
          await sleep(2000);
        }
      }
    } finally {
      this.busy.delete(app);
    }
  }

  onExit(name, exit) {
    if (exit.expected || this.stopped) return;
    this.unexpected.push({ name, ...exit, atS: (Date.now() - t0) / 1000, duringStart: this.busy.has(name) });
    log(`!! ${name} exited on its own (code ${exit.code}, signal ${exit.signal}); restarting it as a supervisor would`);
    if (this.busy.has(name)) return; // a start in progress retries by itself
    void this.enqueue(name, async () => {
      await sleep(1000);
      if (this.cluster.isRunning(name) || this.stopped) return;
      const r = await this.bringUp(name, 'an unexpected exit');
      this.log.push({ target: name, what: `restarted after an unexpected exit, ready in ${r.ms} ms` });
    });
  }

  kill(e) {
    return this.enqueue(e.target, async () => {
      if (this.stopped) return;
      if (e.target === 'kafka') return this.restartBroker(e);
      const at = (Date.now() - t0) / 1000;
      await this.cluster.kill(e.target, 'SIGKILL');
      await sleep(e.downMs);
      const r = await this.bringUp(e.target, 'SIGKILL');
      this.log.push({ target: e.target, atS: at, what: `SIGKILL, down ${e.downMs} ms, ready ${r.ms} ms after restart` });
      log(`${e.target}: SIGKILLed at ${at.toFixed(0)} s, restarted after ${e.downMs} ms, ready in ${(r.ms / 1000).toFixed(1)} s`);
    });
  }

  async restartBroker(e) {
    const at = (Date.now() - t0) / 1000;
    const t = Date.now();
    if (o.brokerSignal === 'KILL') {
      const { pid } = await brokerStatus({ port: KAFKA_PORT });
      if (pid) process.kill(pid, 'SIGKILL');
      while (pid && (await brokerStatus({ port: KAFKA_PORT })).pid) await sleep(100);
    } else await stopBroker({ port: KAFKA_PORT });
    const stoppedMs = Date.now() - t;
    await sleep(e.downMs);
    const b = await ensureBroker({ port: KAFKA_PORT, timeoutMs: 120_000 });
    this.log.push({
      target: 'kafka',
      atS: at,
      what: `SIG${o.brokerSignal} (stopped in ${stoppedMs} ms), down ${e.downMs} ms, answering ${b.readyMs} ms after start`,
    });
    log(
      `kafka: SIG${o.brokerSignal} at ${at.toFixed(0)} s (stop ${stoppedMs} ms), started again, answering after ${(b.readyMs / 1000).toFixed(1)} s`,
    );
  }

  async drain() {
    await Promise.all([...this.chains.values()]);
  }
}

// ---------------------------------------------------------------------------------------------
// Storefronts: each order once, with an Idempotency-Key retried until answered; some cancelled.

function basket(rnd, m, i) {
  const weight = (p) => (p.scarce ? 0.15 : 1);
  const total = m.products.reduce((t, p) => t + weight(p), 0);
  const chosen = new Map();
  const lines = rnd.int(1, 3);
  for (let k = 0; k < lines; k++) {
    let x = rnd() * total;
    const p = m.products.find((q) => (x -= weight(q)) < 0) ?? m.products[0];
    chosen.set(p.id, (chosen.get(p.id) ?? 0) + rnd.int(1, 3));
  }
  const province = rnd.pick(['79', '01', '48', '92']);
  const key = `fault-${o.seed}-${i}`;
  return {
    key,
    body: {
      buyer: { name: `Khách hàng ${i}`, phone: `09${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}` },
      address: { provinceCode: province, wardCode: m.wardsOf(province)[rnd.int(0, 3)].code, line: `${i} Đường Lê Lợi` },
      items: [...chosen].map(([productId, quantity]) => ({ productId, quantity })),
      paymentMethod: 'cod',
      carrierCode: rnd() < 0.6 ? 'VNPOST' : 'VTP',
      note: `ref ${key}`,
    },
  };
}

async function placeOrders(base, m, progress) {
  const outcomes = new Map();
  const cancels = new Map();
  const retries = new Map();
  const cancelling = new Set();
  let next = 0;
  const start = Date.now();
  const placeOne = async (i) => {
    const rnd = prng(o.seed * 1_000_003 + i);
    const { key, body } = basket(rnd, m, i);
    const storefront = m.storefronts[i % m.storefronts.length];
    let inProgressSince;
    const r = await untilAnswered(
      () => request(base, 'POST', '/v1/orders', { key: storefront, body, headers: { 'Idempotency-Key': key }, timeoutMs: 30_000 }),
      {
        tally: retries,
        giveUpMs: 10 * 60_000,
        // "Still being processed": worth retrying while the first attempt could still be running.
        retryAlso: (a) => {
          if (a.status !== 409 || a.body?.code !== 'idempotency_in_progress') return false;
          inProgressSince ??= Date.now();
          return Date.now() - inProgressSince < o.inProgressGiveUpS * 1000;
        },
      },
    );
    const a = r.answer;
    const stuck = a?.status === 409 && a.body?.code === 'idempotency_in_progress';
    outcomes.set(key, {
      status: a?.status,
      code: a?.body?.code,
      orderId: a?.status === 201 ? a.body.id : undefined,
      attempts: r.attempts,
      gaveUp: r.gaveUp || stuck,
      lastFailure: stuck ? `409 idempotency_in_progress for ${o.inProgressGiveUpS} s` : r.lastFailure,
    });
    progress.answered++;
    if (a?.status === 201 && rnd() < o.cancelShare) {
      const delay = rnd.between(0, 3000);
      const p = (async () => {
        await sleep(delay);
        const c = await untilAnswered(
          () => request(base, 'POST', `/v1/orders/${a.body.id}/cancel`, { key: storefront, body: { reason: 'Khách đổi ý' } }),
          {
            tally: retries,
            giveUpMs: 5 * 60_000,
          },
        );
        const label = c.gaveUp
          ? 'no answer'
          : c.answer.status === 200
            ? 'cancelled'
            : `${c.answer.status} ${c.answer.body?.code ?? ''}`.trim();
        cancels.set(label, (cancels.get(label) ?? 0) + 1);
      })();
      cancelling.add(p);
      void p.finally(() => cancelling.delete(p));
    }
  };
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= o.orders) return;
      const due = start + (i * 1000) / o.rate;
      if (due > Date.now()) await sleep(due - Date.now());
      await placeOne(i);
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  await Promise.all([...cancelling]);
  return { outcomes, cancels, retries, seconds: (Date.now() - start) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Quiet: outboxes empty, every consumer group of the event topics caught up, the carriers idle,
// nothing pending, and the order states unchanged for a while.

async function snapshot(prefix, brokers, postal) {
  let unsent = 0;
  for (const database of await listDatabases(DB_URL, prefix)) {
    const c = await readOnlyClient(DB_URL, database);
    try {
      const has = (await c.query(`SELECT to_regclass('public.outbox') IS NOT NULL AS has`)).rows[0].has;
      if (has) unsent += (await c.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)).rows[0].n;
    } finally {
      await c.end();
    }
  }
  const lags = await withAdmin(kafkaOf(brokers), (admin) => groupLags(admin, /^bench-reader-/)).catch(() => null);
  const eventLag =
    lags === null ? NaN : lags.filter((l) => /(\.events|^fulfilment\.shipments)$/.test(l.topic)).reduce((t, l) => t + l.lag, 0);
  const c = await readOnlyClient(DB_URL, `${prefix}_orders`);
  let states;
  try {
    states = (await c.query(`SELECT status, count(*)::int AS n FROM orders GROUP BY 1 ORDER BY 1`)).rows;
  } finally {
    await c.end();
  }
  const pending = states.find((s) => s.status === 'pending')?.n ?? 0;
  const waiting = o.completeAfterHours === 0 ? (states.find((s) => s.status === 'delivered')?.n ?? 0) : 0;
  return {
    unsent,
    eventLag,
    carrierBusy: !postal.idle(),
    pending,
    waiting,
    signature: states.map((s) => `${s.status} ${s.n}`).join(', '),
  };
}

async function waitQuiet(prefix, brokers, postal) {
  const until = Date.now() + o.quietTimeoutS * 1000;
  let last = '';
  let stableSince = 0;
  let lastPrint = 0;
  let progress = '';
  let progressAt = Date.now();
  for (;;) {
    const s = await snapshot(prefix, brokers, postal).catch((e) => ({ error: e.message }));
    // Still moving (orders changing state, parcels delivered) is worth waiting for; stuck is not.
    const moved = `${s.signature} ${[...postal.outcomes.values()].reduce((a, b) => a + b, 0)}`;
    if (moved !== progress) {
      progress = moved;
      progressAt = Date.now();
    }
    const quiet = !s.error && s.unsent === 0 && s.eventLag === 0 && !s.carrierBusy && s.pending === 0 && s.waiting === 0;
    const sig = JSON.stringify(s);
    if (quiet && sig === last) {
      if (Date.now() - stableSince >= 10_000) return { quiet: true, s };
    } else stableSince = Date.now();
    last = sig;
    if (Date.now() - lastPrint > 15_000) {
      lastPrint = Date.now();
      log(
        s.error
          ? `waiting for quiet: ${s.error}`
          : `waiting for quiet: outbox unsent ${s.unsent}, event lag ${s.eventLag}, carriers ${s.carrierBusy ? `busy (${postal.queue.length} queued, ${postal.inFlight} in hand)` : 'idle'}, orders ${s.signature}`,
      );
    }
    if (Date.now() > until) return { quiet: false, s, why: `still busy after ${o.quietTimeoutS} s` };
    if (Date.now() - progressAt > o.stallTimeoutS * 1000) return { quiet: false, s, why: `nothing moved for ${o.stallTimeoutS} s` };
    await sleep(2000);
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const cleanup = cleanupStack();
  let exitCode;
  try {
    await assertPortsFree(
      [KAFKA_PORT, KAFKA_PORT + 1, GATEWAY_PORT, GATEWAY_PORT + 1, GATEWAY_PORT + 2, GATEWAY_PORT + 3, GATEWAY_PORT + 4],
      'fault-survival',
    );
    log(`building ${path.relative(ROOT, DIST)}/ …`);
    build({ quiet: true });
    await stopBroker({ port: KAFKA_PORT, wipe: true }); // state of an earlier, interrupted run
    const broker = await ensureBroker({ port: KAFKA_PORT });
    cleanup.push(() => stopBroker({ port: KAFKA_PORT, wipe: true }));
    log(`kafka on ${broker.brokers[0]} in ${(broker.readyMs / 1000).toFixed(1)} s`);

    const prefix = `fault${Date.now().toString(36)}`;
    if (!o.keep) cleanup.push(() => dropDatabases(DB_URL, prefix));
    const env = {
      ...process.env,
      DATABASE_URL: DB_URL,
      KAFKA_BROKERS: broker.brokers.join(','),
      DB_NAME_PREFIX: prefix,
      ADMIN_API_KEY: ADMIN,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      OUTBOX_POLL_MS: '200',
      RATE_LIMIT_PER_MINUTE: '1000000',
      CARRIER_WEBHOOK_SECRETS: `VTP:${SECRETS.VTP},VNPOST:${SECRETS.VNPOST}`,
      ORDER_PENDING_TIMEOUT_MS: String(o.pendingTimeoutMs),
      ORDER_COMPLETE_AFTER_HOURS: String(o.completeAfterHours),
      ORDER_SWEEP_INTERVAL_MS: '2000',
    };
    const logDir = path.join(ROOT, '.data', 'bench-logs', prefix);
    let faults;
    const cluster = await startCluster({
      env,
      port: GATEWAY_PORT,
      healthPortBase: GATEWAY_PORT + 1,
      logDir,
      timeoutMs: 180_000,
      onExit: (name, exit) => faults?.onExit(name, exit),
    });
    cleanup.push(async () => {
      if (faults) faults.stopped = true;
      await cluster.stop();
    });
    faults = new Faults(cluster);
    log(`cluster of ${APPS.length} processes ready (logs: ${path.relative(ROOT, logDir)}); making the marketplace …`);

    const m = await buildMarketplace({
      base: cluster.gatewayUrl,
      adminKey: ADMIN,
      distDir: DIST,
      sellers: 6,
      productsPerSeller: 4,
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
    const plan = faultPlan(prng(o.seed), loadSeconds);
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
    const load = await placeOrders(cluster.gatewayUrl, m, progress).finally(() => clearInterval(ticker));
    log(`all ${o.orders} orders answered in ${load.seconds.toFixed(0)} s; waiting for the remaining faults …`);
    await chaos;
    for (const name of cluster.names()) if (!cluster.isRunning(name)) await faults.bringUp(name, 'the end of the fault plan');
    log('faults done, every process running; waiting until the system is quiet …');
    const quiet = await waitQuiet(prefix, broker.brokers, postal);
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
    console.log(`processes that exited on their own: ${faults.unexpected.length === 0 ? 'none' : ''}`);
    for (const u of faults.unexpected)
      console.log(
        `  ${u.name} at ${u.atS.toFixed(0)} s ${u.duringStart ? 'while starting' : 'while running'}: code ${u.code}, signal ${u.signal} (${path.relative(ROOT, logDir)}/${u.name}.log)`,
      );
    console.log(`load average at the end: ${loadAfter}`);
    const ok = inv.print(results);
    const failed = results.filter((r) => !r.ok).map((r) => r.name.split(':')[0]);
    printBenchResult([
      {
        benchmark: 'fault survival: orders under SIGKILLs and a broker restart',
        figure: `${o.orders} orders, ${faults.log.filter((f) => f.what.startsWith('SIG')).length} faults: ${ok ? 'all invariants hold' : `FAILED ${failed.join(', ')}`} (${elapsed()})`,
        target: 'every invariant holds',
        baseline: '—',
        met: ok,
        command: commandLine(),
      },
    ]);
    exitCode = ok ? 0 : 1;
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    exitCode = 2;
  } finally {
    await cleanup.runAll();
    await sleepTimer(100);
  }
  process.exit(exitCode);
}

void main();
