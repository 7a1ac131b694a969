'use strict';
// When the fault-survival run is quiet enough to check: outboxes empty, every consumer group of the
// event topics caught up, the carriers idle, nothing pending, and the order states unchanged a while.
const { listDatabases, readOnlyClient, sleep } = require('../lib/common');
const { groupLags, kafkaOf, withAdmin } = require('../lib/kafka');

/** @typedef {{ o: Record<string, any>, log: (msg: string) => void, dbUrl: string }} Run */

async function snapshot(prefix, brokers, postal, run) {
  let unsent = 0;
  for (const database of await listDatabases(run.dbUrl, prefix)) {
    const c = await readOnlyClient(run.dbUrl, database);
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
  const c = await readOnlyClient(run.dbUrl, `${prefix}_orders`);
  let states;
  try {
    states = (await c.query(`SELECT status, count(*)::int AS n FROM orders GROUP BY 1 ORDER BY 1`)).rows;
  } finally {
    await c.end();
  }
  const pending = states.find((s) => s.status === 'pending')?.n ?? 0;
  const waiting = run.o.completeAfterHours === 0 ? (states.find((s) => s.status === 'delivered')?.n ?? 0) : 0;
  return {
    unsent,
    eventLag,
    carrierBusy: !postal.idle(),
    pending,
    waiting,
    signature: states.map((s) => `${s.status} ${s.n}`).join(', '),
  };
}

async function waitQuiet(prefix, brokers, postal, run) {
  const { o, log } = run;
  const until = Date.now() + o.quietTimeoutS * 1000;
  let last = '';
  let stableSince = 0;
  let lastPrint = 0;
  let progress = '';
  let progressAt = Date.now();
  for (;;) {
    const s = await snapshot(prefix, brokers, postal, run).catch((e) => ({ error: e.message }));
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

module.exports = { waitQuiet };
