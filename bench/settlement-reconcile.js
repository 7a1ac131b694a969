'use strict';
// The Tết-day COD statement benchmark (issue 7): 400,000 remittance lines across four carriers,
// uploaded as CSV through the gateway's streaming intake (all four at once, as carriers send them),
// reconciled and posted by the settlement service; timed from the first byte sent to the last
// statement `reconciled`. Exact to the đồng: per carrier and outcome the totals the service reports
// are compared with what the generator seeded, and the ledger's balances with what they must be.
// Baseline in the same run: COPY of the same CSV files into a plain PostgreSQL table.
//
//   source tools/node24-env.sh
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/settlement-reconcile.js
//   options: --lines 400000 --sellers 20000 --seed 7 --keep (keep the databases)
//            --explain (EXPLAIN ANALYZE a step of the largest statement as the service runs it; not a timed figure)
//
// Starts its own Kafka broker (port 19692, unless one answers there) and cluster (gateway 29600,
// health 29601–29604; BENCH_KAFKA_PORT / BENCH_GATEWAY_PORT to move them), builds to DIST_DIR
// (dist-bench-settle), databases `benchsettle<time>_*`; stops and drops all of it at the end.
const fs = require('node:fs');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const cliProgress = require('cli-progress');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');

const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-settle';
const { stopStack } = require('../tools/stack');
const { startBenchStack } = require('./lib/bench-stack');
const { printBenchResult } = require('./lib/common');
const { parseOptions } = require('./lib/options');
const { cpuSnapshot, cpuUsed, peakRssMb, resetPeakRss, rssMb } = require('./lib/process-stats');
const { CARRIERS, generate } = require('./settlement/statements');
const { checkSeedFingerprint, seedLedger } = require('./settlement/ledger-seed');
const { call } = require('./lib/rest');
const { explainStep, upload } = require('./settlement/intake');
const { checkStatements } = require('./settlement/checks');

const USAGE = `node bench/settlement-reconcile.js [--lines 400000] [--sellers 20000] [--seed 7] [--keep] [--explain]
env: DATABASE_URL (required), DIST_DIR (dist-bench-settle), BENCH_KAFKA_PORT (19692), BENCH_GATEWAY_PORT (29600)`;
const o = parseOptions(process.argv.slice(2), { lines: 400_000, sellers: 20_000, seed: 7, keep: false, explain: false }, USAGE);
const LINES = o.lines;
const SELLERS = o.sellers;
const SEED = o.seed;
const KEEP = o.keep;
const EXPLAIN = o.explain;

// Overridable for a machine where something else took them; keep the gateway port below the
// ephemeral range (32768–60999).
const KAFKA_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19692);
const GATEWAY_PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 29600);
const ADMIN = 'bench-admin-key-settle-0123456789';
const DB_URL = process.env.DATABASE_URL;
if (!DB_URL) throw new Error('DATABASE_URL must name the PostgreSQL server to benchmark on');
const TARGET_S = 30;
const TARGET_MB = 512;

const fmt = (n) => n.toLocaleString('en-US');

async function main() {
  const started = Date.now();
  const now = Date.now();
  const prefix = `benchsettle${now.toString(36)}`;
  const dir = path.join(ROOT, '.data', 'bench-settle', prefix);
  console.log(
    `generating a ${fmt(LINES)}-line Tết day (${CARRIERS.length} carriers, ${fmt(SELLERS)} sellers, seed ${SEED}) in ${path.relative(ROOT, dir)}/ …`,
  );
  const gen = await generate(dir, now, { lines: LINES, sellers: SELLERS, seed: SEED });
  for (const s of gen.statements)
    console.log(`  ${s.carrier.padEnd(7)} ${fmt(s.lines).padStart(8)} lines ${(s.bytes / 1e6).toFixed(1)} MB`);

  const stops = stopStack();
  let cluster;
  let broker;
  const db = new Client({ connectionString: `${DB_URL.replace(/\/[^/]*$/, '')}/${prefix}_settlement` });
  let dbConnected = false;
  try {
    ({ cluster, broker } = await startBenchStack(stops, {
      kafkaPort: KAFKA_PORT,
      gatewayPort: GATEWAY_PORT,
      prefix,
      adminKey: ADMIN,
      databaseUrl: DB_URL,
      dropDatabases: !KEEP,
      env: { LOG_LEVEL: 'error', OUTBOX_POLL_MS: '200', CARRIER_CODES: CARRIERS.map((c) => c.code).join(',') },
      beforeCluster: (_env, b) => console.log(`kafka ${b.startedByUs ? 'started' : 'reused'} on ${b.brokers}; starting the cluster …`),
    }));
    const base = cluster.gatewayUrl;
    await db.connect();
    dbConnected = true;
    const seedMs = await seedLedger(db, gen.shipmentsFile);
    await checkSeedFingerprint(db);
    console.log(
      `seeded ${fmt(gen.totals.shipments)} shipments with their delivery postings in ${(seedMs / 1000).toFixed(1)} s (COPY + INSERT … SELECT)`,
    );

    const keys = {};
    for (const c of CARRIERS) {
      const r = await call(base, 'POST', '/v1/admin/api-keys', ADMIN, {
        role: 'carrier',
        name: `bench ${c.code}`,
        carrierCode: c.code,
        rateLimitPerMinute: 100000,
      });
      if (r.status !== 201) throw new Error(`carrier key: ${r.status} ${JSON.stringify(r.body)}`);
      keys[c.code] = r.body.key;
    }

    // The timed part: every statement streamed at once, then reconciled in the background.
    const totalBytes = gen.statements.reduce((t, s) => t + s.bytes, 0);
    const bars = new cliProgress.MultiBar(
      {
        format: ' {what} |{bar}| {percentage}% {value}/{total} {unit} {extra}',
        hideCursor: true,
        clearOnComplete: false,
        fps: 5,
        noTTYOutput: true,
        notTTYSchedule: 2000,
      },
      cliProgress.Presets.shades_classic,
    );
    const upBar = bars.create(Math.round(totalBytes / 1024), 0, { what: 'uploaded  ', unit: 'kB', extra: '' });
    const recBar = bars.create(LINES, 0, { what: 'reconciled', unit: 'lines', extra: '' });
    let sent = 0;
    const pids = {
      settlement: cluster.children.get('settlement').pid,
      gateway: cluster.children.get('gateway').pid,
      kafka: broker.pid,
    };
    // Peak RSS: the start-up peak (before the timed part) and the peak while it runs, each measured.
    const startupRss = { settlement: peakRssMb(pids.settlement), gateway: peakRssMb(pids.gateway) };
    const windowed = resetPeakRss(pids.settlement) && resetPeakRss(pids.gateway);
    // What the cluster burns doing nothing (consumers polling Kafka): 5 s, before the timed part.
    const idleFrom = await cpuSnapshot(db, prefix, pids);
    await new Promise((r) => setTimeout(r, 5000));
    const cpuBefore = await cpuSnapshot(db, prefix, pids);
    const idlePerS = Object.fromEntries(Object.entries(cpuUsed(idleFrom, cpuBefore)).map(([k, v]) => [k, +(v / 5).toFixed(2)]));
    const t0 = Date.now();
    // When each process's resident set peaked (VmRSS sampled every 100 ms): which phase costs the memory.
    const rssTrace = { settlement: { mb: 0, atS: 0 }, gateway: { mb: 0, atS: 0 } };
    const rssEverySecond = { settlement: [], gateway: [] };
    const rssSampler = setInterval(() => {
      const atS = (Date.now() - t0) / 1000;
      for (const k of ['settlement', 'gateway']) {
        try {
          const mb = rssMb(pids[k]);
          if (mb > rssTrace[k].mb) rssTrace[k] = { mb, atS: +atS.toFixed(1) };
          if (Math.floor(atS) >= rssEverySecond[k].length) rssEverySecond[k].push(mb);
        } catch {
          // gone
        }
      }
    }, 100);
    const poll = setInterval(() => {
      db.query(
        `SELECT coalesce(sum(CASE WHEN status = 'reconciled' THEN line_count ELSE least(chunks_done * chunk_size, line_count) END), 0) AS done,
                count(*) FILTER (WHERE status = 'reconciled') AS n FROM remittance_batches WHERE status IN ('processing', 'reconciled')`,
      )
        .then(({ rows }) =>
          recBar.update(Number(rows[0].done), {
            extra: `${rows[0].n}/${gen.statements.length} statements ${((Date.now() - t0) / 1000).toFixed(1)} s`,
          }),
        )
        .catch(() => undefined);
    }, 300);
    let ids;
    let uploadedAt;
    let cpuAtUpload;
    // --explain: the largest statement is held back (its carrier's reconciliation lock taken here)
    // until one of its steps has been EXPLAINed as the service would run it; the run's time then
    // includes that wait and is not a figure.
    const explainCarrier = gen.statements.reduce((a, b) => (b.lines > a.lines ? b : a)).carrier;
    let explainLock;
    if (EXPLAIN) {
      explainLock = new Client({ connectionString: `${DB_URL.replace(/\/[^/]*$/, '')}/${prefix}_settlement` });
      await explainLock.connect();
      await explainLock.query('SELECT pg_advisory_lock(hashtext($1))', [`remittance-carrier:${explainCarrier}`]);
    }
    try {
      ids = await Promise.all(
        gen.statements.map((st) =>
          upload(base, keys[st.carrier], st, (n) => {
            sent += n;
            upBar.update(Math.round(sent / 1024));
          }),
        ),
      );
      uploadedAt = Date.now();
      cpuAtUpload = await cpuSnapshot(db, prefix, pids);
      if (EXPLAIN)
        await explainStep(db, prefix, ids[gen.statements.findIndex((st) => st.carrier === explainCarrier)], explainCarrier, explainLock);
      for (;;) {
        const { rows } = await db.query(`SELECT count(*) AS n FROM remittance_batches WHERE id = ANY($1) AND status <> 'processing'`, [
          ids,
        ]);
        if (Number(rows[0].n) === ids.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      clearInterval(poll);
      clearInterval(rssSampler);
    }
    const { rows: ends } = await db.query(
      `SELECT extract(epoch FROM max(reconciled_at)) * 1000 AS end_ms, extract(epoch FROM min(completed_at)) * 1000 AS first_complete_ms
         FROM remittance_batches WHERE id = ANY($1)`,
      [ids],
    );
    const totalMs = Number(ends[0].end_ms) - t0;
    recBar.update(LINES, { extra: `${ids.length}/${ids.length} statements ${(totalMs / 1000).toFixed(1)} s` });
    bars.stop();
    const cpu = cpuUsed(cpuBefore, await cpuSnapshot(db, prefix, pids));
    const runRss = { settlement: peakRssMb(pids.settlement), gateway: peakRssMb(pids.gateway) };
    // Without a window (clear_refs refused) VmHWM is the lifetime peak, start-up included: still an upper bound.
    const rss = {
      settlement: Math.max(runRss.settlement, startupRss.settlement),
      gateway: Math.max(runRss.gateway, startupRss.gateway),
    };

    // Exact to the đồng: what each statement came to, against what was seeded.
    const { failures, tb, tbApi } = await checkStatements({ base, db, gen, ids, keys, adminKey: ADMIN });

    // Where the time went: each step's transaction start is its posting's posted_at (now()).
    const { rows: steps } = await db.query(
      `SELECT b.carrier_code AS carrier, b.completed_at, b.reconciled_at, b.chunk_count,
              array_agg(extract(epoch FROM p.posted_at) * 1000 ORDER BY p.posted_at) AS at
         FROM remittance_batches b JOIN ledger_postings p ON p.id LIKE 'remittance:' || b.id || ':%'
        WHERE b.id = ANY($1) GROUP BY b.id ORDER BY min(p.posted_at)`,
      [ids],
    );
    const stepMs = [];
    for (const s of steps) for (let k = 1; k < s.at.length; k++) stepMs.push(s.at[k] - s.at[k - 1]);
    stepMs.sort((a, b) => a - b);

    // Baseline on the same server, same run: COPY the same lines into a plain table.
    await db.query(`CREATE TABLE bench_copy_baseline (tracking_code text, shipment_id text, cod bigint, shipping bigint, cod_fee bigint,
                      return_fee bigint, net bigint, delivered_at timestamptz)`);
    const tc = Date.now();
    for (const st of gen.statements) {
      await pipeline(
        fs.createReadStream(st.file),
        db.query(copyFrom('COPY bench_copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)')),
      );
    }
    const copyMs = Date.now() - tc;

    const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const result = {
      lines: LINES,
      statements: gen.statements.length,
      sellers: SELLERS,
      firstByteToReconciledS: +(totalMs / 1000).toFixed(2),
      uploadS: +((uploadedAt - t0) / 1000).toFixed(2),
      reconcileAfterLastUploadS: +((Number(ends[0].end_ms) - uploadedAt) / 1000).toFixed(2),
      linesPerSecond: Math.round(LINES / (totalMs / 1000)),
      steps: stepMs.length + steps.length,
      stepMsP50: Math.round(stepMs[Math.floor(stepMs.length / 2)]),
      stepMsP95: Math.round(stepMs[Math.floor(stepMs.length * 0.95)]),
      stepMsMax: Math.round(stepMs[stepMs.length - 1]),
      peakRssMb: { settlement: Math.round(rss.settlement), gateway: Math.round(rss.gateway) },
      peakRssDuringRunMb: windowed ? { settlement: Math.round(runRss.settlement), gateway: Math.round(runRss.gateway) } : 'n/a',
      peakRssAtStartupMb: { settlement: Math.round(startupRss.settlement), gateway: Math.round(startupRss.gateway) },
      rssPeakSampledAt: rssTrace,
      rssMbEverySecond: { settlement: rssEverySecond.settlement.join(' '), gateway: rssEverySecond.gateway.join(' ') },
      cpuSecondsDuringRun: cpu,
      cpuSecondsDuringUpload: cpuUsed(cpuBefore, cpuAtUpload),
      cpuSecondsPerSecondIdle: idlePerS,
      copyBaselineS: +(copyMs / 1000).toFixed(2),
      ratioToCopy: +(totalMs / copyMs).toFixed(1),
      remittancePostings: tb.postings,
      trialBalanceEndpoint:
        tbApi.status === 200
          ? `${tbApi.pages} pages of ≤ 1,000 for ${fmt(tbApi.accounts)} accounts, largest ${fmt(tbApi.maxPageBytes)} bytes, ` +
            `median ${tbApi.msPerPage.sort((a, b) => a - b)[Math.floor(tbApi.msPerPage.length / 2)]} ms a page, balanced=${tbApi.last.balanced}`
          : `${tbApi.status} ${tbApi.error}`,
      exact: failures.length === 0,
      load1: load,
    };
    console.log(JSON.stringify(result, null, 2));
    for (const f of failures) console.log(`MISMATCH ${f}`);
    const ok = !EXPLAIN && failures.length === 0 && totalMs <= TARGET_S * 1000 && rss.settlement <= TARGET_MB && rss.gateway <= TARGET_MB;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}: ${(totalMs / 1000).toFixed(1)} s (target ≤ ${TARGET_S} s), peak RSS settlement ${Math.round(rss.settlement)} MB / gateway ${Math.round(rss.gateway)} MB (target ≤ ${TARGET_MB} MB), ${failures.length === 0 ? 'exact to the đồng' : `${failures.length} mismatches`}`,
    );
    process.exitCode = ok ? 0 : 1;
    benchRecord = {
      figure: `${(totalMs / 1000).toFixed(1)} s, peak RSS ${Math.round(Math.max(rss.settlement, rss.gateway))} MB, ${failures.length === 0 ? 'exact' : `${failures.length} mismatches`}`,
      baseline: `COPY of the same lines: ${(copyMs / 1000).toFixed(2)} s (ratio ${(totalMs / copyMs).toFixed(1)})`,
      met: ok,
    };
  } finally {
    if (dbConnected) await db.end().catch(() => undefined);
    await stops.runAll();
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

/** The collector's line: the last one printed, whatever happened. */
let benchRecord;
function printResult(r) {
  const row = {
    benchmark: `settlement: reconcile and post a ${fmt(LINES)}-line Tết-day statement`,
    figure: r.figure,
    target: `≤ ${TARGET_S} s, ≤ ${TARGET_MB} MB`,
    baseline: r.baseline,
    met: r.met,
    command: 'node bench/settlement-reconcile.js',
  };
  printBenchResult([row]);
}

main().then(
  () => printResult(benchRecord ?? { figure: 'no figure (the run ended early)', baseline: 'n/a', met: false }),
  (e) => {
    console.error(e);
    printResult({
      figure: `failed: ${String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 200)}`,
      baseline: 'n/a',
      met: false,
    });
    process.exit(1);
  },
);
