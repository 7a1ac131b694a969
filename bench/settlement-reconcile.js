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
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { Readable, Transform } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const cliProgress = require('cli-progress');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');

const ROOT = path.resolve(__dirname, '..');
process.env.DIST_DIR ??= 'dist-bench-settle';
const { build } = require('../tools/build');
const { startCluster } = require('../tools/cluster');
const { ensureBroker, stopBroker } = require('../tools/kafka/broker');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LINES = opt('lines', 400_000);
const SELLERS = opt('sellers', 20_000);
const SEED = opt('seed', 7);
const KEEP = args.includes('--keep');
const EXPLAIN = args.includes('--explain');
// Overridable for a machine where something else took them; keep the gateway port below the
// ephemeral range (32768–60999).
const KAFKA_PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19692);
const GATEWAY_PORT = Number(process.env.BENCH_GATEWAY_PORT ?? 29600);
const ADMIN = 'bench-admin-key-settle-0123456789';
const DB_URL = process.env.DATABASE_URL;
if (!DB_URL) throw new Error('DATABASE_URL must name the PostgreSQL server to benchmark on');
const TARGET_S = 30;
const TARGET_MB = 512;
const DAY = 86_400_000;

/** Carriers, their share of the day's lines, how they write tracking codes, and whether they quote our id. */
const CARRIERS = [
  { code: 'VNPOST', share: 0.45, track: (n) => `EB${String(n).padStart(9, '0')}VN`, ourId: 0.3, transferShortVnd: 0 },
  { code: 'VTP', share: 0.28, track: (n) => `1${String(n).padStart(11, '0')}`, ourId: 1, transferShortVnd: 250_000 },
  { code: 'GHN', share: 0.15, track: (n) => `GHN${n.toString(36).toUpperCase().padStart(8, '0')}`, ourId: 0.8, transferShortVnd: 0 },
  { code: 'GHTK', share: 0.12, track: (n) => `S${20000000 + n}.BO.MB`, ourId: 0, transferShortVnd: -30_000 },
];
const COLUMNS = 'trackingCode,shipmentId,codCollectedVnd,shippingFeeVnd,codFeeVnd,returnFeeVnd,netRemittedVnd,deliveredAt';

/** mulberry32: the same statement for the same --seed. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const commissionOf = (items) => Math.floor((items * 500 + 5000) / 10000); // 5% half up, as CommissionPolicy
const zeroOutcome = () => ({ count: 0, codCollectedVnd: 0, expectedCodVnd: 0, netRemittedVnd: 0, differenceVnd: 0 });
const uuid = (rnd) => {
  const b = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) b[i] = Math.floor(rnd() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const pgDate = (ms) => new Date(ms).toISOString();

/**
 * Writes each carrier's statement (CSV) and the shipments settlement knows (a COPY file of
 * settled_shipments), and computes what reconciliation must come to. Per line: ~97.3% matched,
 * 1% short, 0.5% over, 0.5% unknown (no such shipment), 0.4% duplicate of an earlier line of the
 * statement, 0.3% duplicate of a shipment an earlier statement remitted, 1% return-fee lines of
 * returned shipments (nothing expected: matched with a negative net); plus 0.4% delivered shipments
 * missing from the statement, 4–45 days old (every ageing bucket).
 */
async function generate(dir, now) {
  fs.mkdirSync(dir, { recursive: true });
  const rnd = prng(SEED);
  const sellerIds = Array.from({ length: SELLERS }, () => uuid(rnd));
  const partnerOf = (i) => `partner-${i % 500}`;
  const shipmentsFile = path.join(dir, 'settled_shipments.tsv');
  const ships = fs.createWriteStream(shipmentsFile);
  const write = (stream, s) => (stream.write(s) ? undefined : new Promise((r) => stream.once('drain', r)));
  const statements = [];
  let serial = 0;
  const totals = { shipments: 0, deliveredCod: 0 };
  for (const c of CARRIERS) {
    const n = c === CARRIERS[CARRIERS.length - 1] ? LINES - statements.reduce((t, s) => t + s.lines, 0) : Math.round(LINES * c.share);
    const file = path.join(dir, `${c.code}.csv`);
    const out = fs.createWriteStream(file);
    await write(out, `${COLUMNS}\n`);
    const outcomes = {
      matched: zeroOutcome(),
      short: zeroOutcome(),
      over: zeroOutcome(),
      unknown: zeroOutcome(),
      duplicate: zeroOutcome(),
    };
    const exp = { fees: 0, released: 0, pendingLeft: 0, receivableLeft: 0, missing: { count: 0, codVnd: 0, buckets: {} } };
    const later = new Map(); // line index -> duplicate lines due there
    let written = 0;
    const addOutcome = (o, cod, expected, net) => {
      const t = outcomes[o];
      t.count += 1;
      t.codCollectedVnd += cod;
      t.expectedCodVnd += expected;
      t.netRemittedVnd += net;
      t.differenceVnd += cod - expected;
    };
    const shipment = (status, deliveredAt, remitted) => {
      serial += 1;
      const items =
        status === 'returned' ? 60000 + Math.floor(rnd() * 400) * 1000 : 45000 + Math.floor(rnd() * 1200) * 1000 + Math.floor(rnd() * 1000);
      const shipping = 16000 + Math.floor(rnd() * 45) * 1000;
      const sellerIx = Math.floor(SELLERS * rnd() ** 2); // cooperatives ship more than households
      const commission = status === 'delivered' ? commissionOf(items) : 0;
      const s = {
        id: uuid(rnd),
        tracking: c.track(serial),
        sellerId: sellerIds[sellerIx],
        items,
        shipping,
        cod: status === 'delivered' ? items + shipping : 0,
        commission,
        share: status === 'delivered' ? items - commission : 0,
      };
      const cols = [
        s.id,
        uuid(rnd),
        s.sellerId,
        partnerOf(sellerIx),
        c.code,
        s.tracking,
        ['01', '79', '48', '92', '24'][serial % 5],
        s.items,
        s.cod,
        s.commission,
        s.share,
        status,
        status === 'delivered' ? pgDate(deliveredAt) : '\\N',
        status === 'returned' ? pgDate(deliveredAt) : '\\N',
        remitted ? remitted.id : '\\N',
        remitted ? pgDate(remitted.at) : '\\N',
      ];
      totals.shipments += 1;
      if (status === 'delivered') totals.deliveredCod += s.cod;
      return { s, row: `${cols.join('\t')}\n` };
    };
    const csvLine = (tracking, ourId, cod, ship, codFee, retFee) =>
      `${tracking},${ourId},${cod},${ship},${codFee},${retFee},${cod - ship - codFee - retFee},${pgDate(now - DAY)}\n`;
    const earlier = { id: uuid(rnd), at: now - 2 * DAY };
    for (let i = 0; written < n; i++) {
      for (const dup of later.get(i) ?? []) {
        if (written >= n) break;
        await write(out, dup.line);
        addOutcome('duplicate', dup.cod, 0, dup.net);
        written += 1;
      }
      later.delete(i);
      if (written >= n) break;
      const r = rnd();
      let line;
      if (r < 0.005) {
        const cod = 50000 + Math.floor(rnd() * 500) * 1000;
        line = csvLine(`${c.track(900_000_000 + i)}X`, '', cod, 20000, Math.round(cod * 0.008), 0);
        addOutcome('unknown', cod, 0, cod - 20000 - Math.round(cod * 0.008));
      } else if (r < 0.015) {
        const { s, row } = shipment('returned', now - 3 * DAY);
        await write(ships, row);
        const fee = 12000 + Math.floor(rnd() * 10) * 1000;
        line = csvLine(s.tracking, rnd() < c.ourId ? s.id : '', 0, 0, 0, fee);
        addOutcome('matched', 0, 0, -fee);
        exp.fees += fee;
      } else if (r < 0.018) {
        const { s, row } = shipment('delivered', now - 5 * DAY, earlier);
        await write(ships, row);
        const codFee = Math.round(s.cod * 0.008);
        line = csvLine(s.tracking, rnd() < c.ourId ? s.id : '', s.cod, s.shipping, codFee, 0);
        addOutcome('duplicate', s.cod, 0, s.cod - s.shipping - codFee);
        exp.receivableLeft += s.cod; // its earlier remittance is not part of this seed
        exp.pendingLeft += s.share;
      } else {
        const { s, row } = shipment('delivered', now - DAY - Math.floor(rnd() * DAY));
        await write(ships, row);
        const k = rnd();
        const cod =
          k < 0.0103 ? s.cod - 1000 * (1 + Math.floor(rnd() * 50)) : k < 0.0155 ? s.cod + 1000 * (1 + Math.floor(rnd() * 20)) : s.cod;
        const outcome = cod === s.cod ? 'matched' : cod < s.cod ? 'short' : 'over';
        const codFee = Math.round(cod * 0.008);
        line = csvLine(s.tracking, rnd() < c.ourId ? s.id : '', cod, s.shipping, codFee, 0);
        addOutcome(outcome, cod, s.cod, cod - s.shipping - codFee);
        exp.fees += s.shipping + codFee;
        if (outcome === 'short') exp.pendingLeft += s.share;
        else exp.released += s.share;
        if (rnd() < 0.0041) {
          const at = i + 1 + Math.floor(rnd() * 30000);
          later.set(at, [...(later.get(at) ?? []), { line, cod, net: cod - s.shipping - codFee }]);
        }
      }
      await write(out, line);
      written += 1;
    }
    // Delivered, never remitted: the statement should have had them.
    for (let m = 0; m < Math.round(n * 0.004); m++) {
      const age = 4 + Math.floor(rnd() * 42); // 4–45 days
      const { s, row } = shipment('delivered', now - age * DAY - DAY / 2);
      await write(ships, row);
      const bucket = age <= 7 ? '3-7' : age <= 14 ? '8-14' : age <= 30 ? '15-30' : '31+';
      exp.missing.count += 1;
      exp.missing.codVnd += s.cod;
      exp.missing.buckets[bucket] = exp.missing.buckets[bucket] ?? { count: 0, codVnd: 0 };
      exp.missing.buckets[bucket].count += 1;
      exp.missing.buckets[bucket].codVnd += s.cod;
      exp.receivableLeft += s.cod;
      exp.pendingLeft += s.share;
    }
    await new Promise((r) => out.end(r));
    const netLines = Object.values(outcomes).reduce((t, o) => t + o.netRemittedVnd, 0);
    statements.push({
      carrier: c.code,
      file,
      bytes: fs.statSync(file).size,
      lines: n,
      batchId: `TET-${c.code}-${new Date(now).toISOString().slice(0, 10)}`,
      bankTransferRef: `FT${crypto.createHash('sha1').update(c.code).digest('hex').slice(0, 12).toUpperCase()}`,
      netLines,
      transferred: netLines - c.transferShortVnd,
      outcomes,
      exp,
    });
  }
  await new Promise((r) => ships.end(r));
  return { statements, shipmentsFile, totals };
}

/**
 * Settlement's state before the statements, written straight into its database as the delivery
 * handler would have left it: settled_shipments by COPY, then set-based INSERT … SELECT of each
 * delivered shipment's posting `delivery:<id>` (same description and SHA-256 fingerprint as
 * LedgerService computes), its four entries, and the accounts with their running totals.
 */
async function seed(db, shipmentsFile) {
  const t = Date.now();
  await db.query('BEGIN');
  await pipeline(
    fs.createReadStream(shipmentsFile),
    db.query(
      copyFrom(
        `COPY settled_shipments (shipment_id, order_id, seller_id, partner_id, carrier_code, tracking_code, receiver_province_code,
           items_vnd, cod_vnd, commission_vnd, seller_share_vnd, status, delivered_at, returned_at, remittance_id, remitted_at) FROM STDIN`,
      ),
    ),
  );
  const delivered = `FROM settled_shipments s WHERE s.status = 'delivered' AND s.cod_vnd > 0`;
  await db.query(`
    INSERT INTO ledger_postings (id, kind, description, fingerprint, total_vnd)
    SELECT 'delivery:' || s.shipment_id, 'delivery',
           'COD delivered, shipment ' || s.shipment_id || ' (' || s.carrier_code || ' ' || coalesce(s.tracking_code, '-') || ')',
           encode(sha256(convert_to(
             'carrier:' || s.carrier_code || ':receivable|' || s.cod_vnd || '|0' || E'\\n' ||
             'platform:revenue:commission|0|' || s.commission_vnd || E'\\n' ||
             'platform:revenue:fees|0|' || (s.cod_vnd - s.items_vnd) || E'\\n' ||
             'seller:' || s.seller_id || ':pending|0|' || s.seller_share_vnd, 'UTF8')), 'hex'),
           s.cod_vnd
    ${delivered}`);
  await db.query(`
    INSERT INTO ledger_entries (posting_id, account_code, debit_vnd, credit_vnd, posted_at)
    SELECT 'delivery:' || s.shipment_id, e.code, e.dr, e.cr, s.delivered_at ${delivered.replace('FROM settled_shipments s', "FROM settled_shipments s CROSS JOIN LATERAL (VALUES ('carrier:' || s.carrier_code || ':receivable', s.cod_vnd, 0::bigint), ('seller:' || s.seller_id || ':pending', 0::bigint, s.seller_share_vnd), ('platform:revenue:commission', 0::bigint, s.commission_vnd), ('platform:revenue:fees', 0::bigint, s.cod_vnd - s.items_vnd)) e(code, dr, cr)")}`);
  await db.query(`
    INSERT INTO ledger_accounts (code, kind, owner_id, normal_side, no_overdraft, debits_vnd, credits_vnd)
    SELECT account_code,
           CASE WHEN account_code LIKE 'carrier:%' THEN 'carrier_receivable' WHEN account_code LIKE 'seller:%' THEN 'seller_pending'
                WHEN account_code = 'platform:revenue:commission' THEN 'revenue_commission' ELSE 'revenue_fees' END,
           CASE WHEN account_code LIKE 'carrier:%' OR account_code LIKE 'seller:%' THEN split_part(account_code, ':', 2) END,
           CASE WHEN account_code LIKE 'carrier:%' THEN 'D' ELSE 'C' END,
           account_code LIKE 'seller:%',
           sum(debit_vnd), sum(credit_vnd)
      FROM ledger_entries GROUP BY account_code`);
  await db.query('COMMIT');
  await db.query('ANALYZE settled_shipments, ledger_postings, ledger_entries, ledger_accounts');
  return Date.now() - t;
}

/** LedgerService's fingerprint of one delivery, recomputed here: the seed must equal what the handler writes. */
async function checkSeedFingerprint(db) {
  const { rows } = await db.query(
    `SELECT s.*, p.fingerprint FROM settled_shipments s JOIN ledger_postings p ON p.id = 'delivery:' || s.shipment_id LIMIT 1`,
  );
  const s = rows[0];
  const entries = [
    [`carrier:${s.carrier_code}:receivable|D`, `carrier:${s.carrier_code}:receivable|${s.cod_vnd}|0`],
    ['platform:revenue:commission|C', `platform:revenue:commission|0|${s.commission_vnd}`],
    ['platform:revenue:fees|C', `platform:revenue:fees|0|${Number(s.cod_vnd) - Number(s.items_vnd)}`],
    [`seller:${s.seller_id}:pending|C`, `seller:${s.seller_id}:pending|0|${s.seller_share_vnd}`],
  ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const fp = crypto
    .createHash('sha256')
    .update(entries.map(([, e]) => e).join('\n'))
    .digest('hex');
  if (fp !== s.fingerprint) throw new Error(`seeded fingerprint ${s.fingerprint} ≠ LedgerService's ${fp}`);
}

async function call(base, method, p, key, body) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, bytes: text.length };
}

/** Streams one statement file to the gateway; counts the bytes as they leave. */
async function upload(base, key, st, onBytes) {
  const counter = new Transform({
    transform(chunk, _enc, cb) {
      onBytes(chunk.length);
      cb(null, chunk);
    },
  });
  const body = Readable.toWeb(fs.createReadStream(st.file, { highWaterMark: 256 * 1024 }).pipe(counter));
  const q = new URLSearchParams({ batchId: st.batchId, bankTransferRef: st.bankTransferRef, totalTransferredVnd: String(st.transferred) });
  const res = await fetch(`${base}/v1/remittances?${q}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' },
    body,
    duplex: 'half',
  });
  const json = await res.json();
  if (res.status !== 202) throw new Error(`${st.carrier}: upload answered ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json.id;
}

/** Peak resident set (VmHWM) of a process, MB. */
function peakRssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** Starts a new peak-RSS window: the kernel resets VmHWM to the current RSS (proc(5), clear_refs "5"). */
function resetPeakRss(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU time (user + system) a process has used, seconds; 0 once it is gone. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** CPU seconds per part of the system, so a figure taken on a loaded machine still says where the work is. */
async function cpuSnapshot(db, prefix, pids) {
  const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname LIKE $1`, [`${prefix}\\_%`]);
  const postgres = new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
  return {
    gateway: cpuSeconds(pids.gateway),
    settlement: cpuSeconds(pids.settlement),
    kafka: pids.kafka ? cpuSeconds(pids.kafka) : 0,
    postgres,
  };
}

function cpuUsed(before, after) {
  let postgres = 0;
  for (const [pid, t] of after.postgres) postgres += t - (before.postgres.get(pid) ?? 0);
  const r = (x) => +x.toFixed(1);
  return {
    gateway: r(after.gateway - before.gateway),
    settlement: r(after.settlement - before.settlement),
    postgres: r(postgres),
    kafka: r(after.kafka - before.kafka),
  };
}

const fmt = (n) => n.toLocaleString('en-US');

async function main() {
  const started = Date.now();
  const now = Date.now();
  const prefix = `benchsettle${now.toString(36)}`;
  const dir = path.join(ROOT, '.data', 'bench-settle', prefix);
  console.log(
    `generating a ${fmt(LINES)}-line Tết day (${CARRIERS.length} carriers, ${fmt(SELLERS)} sellers, seed ${SEED}) in ${path.relative(ROOT, dir)}/ …`,
  );
  const gen = await generate(dir, now);
  for (const s of gen.statements)
    console.log(`  ${s.carrier.padEnd(7)} ${fmt(s.lines).padStart(8)} lines ${(s.bytes / 1e6).toFixed(1)} MB`);

  build({ quiet: true });
  const broker = await ensureBroker({ port: KAFKA_PORT });
  const env = {
    ...process.env,
    DATABASE_URL: DB_URL,
    KAFKA_BROKERS: broker.brokers.join(','),
    DB_NAME_PREFIX: prefix,
    ADMIN_API_KEY: ADMIN,
    LOG_LEVEL: 'error',
    OUTBOX_POLL_MS: '200',
  };
  console.log(`kafka ${broker.startedByUs ? 'started' : 'reused'} on ${broker.brokers}; starting the cluster …`);
  let cluster;
  const db = new Client({ connectionString: `${DB_URL.replace(/\/[^/]*$/, '')}/${prefix}_settlement` });
  let dbConnected = false;
  try {
    cluster = await startCluster({
      env,
      port: GATEWAY_PORT,
      healthPortBase: GATEWAY_PORT + 1,
      logDir: path.join(ROOT, '.data', 'bench-logs', prefix),
    });
    const base = cluster.gatewayUrl;
    await db.connect();
    dbConnected = true;
    const seedMs = await seed(db, gen.shipmentsFile);
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
          const mb = Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pids[k]}/status`, 'utf8'))[1]) / 1024);
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
    const failures = [];
    const canon = (v) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canon(v[k])]),
          )
        : v;
    const check = (what, got, want) => {
      if (JSON.stringify(canon(got)) !== JSON.stringify(canon(want)))
        failures.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    for (const [i, st] of gen.statements.entries()) {
      const r = await call(base, 'GET', `/v1/remittances/${ids[i]}`, keys[st.carrier]);
      check(`${st.carrier} status`, r.body.status, 'reconciled');
      for (const o of Object.keys(st.outcomes)) check(`${st.carrier} ${o}`, pick(r.body.outcomes?.[o]), st.outcomes[o]);
      check(`${st.carrier} lines`, r.body.lineCount, st.lines);
      check(`${st.carrier} transfer`, r.body.transfer, {
        netLinesVnd: st.netLines,
        totalTransferredVnd: st.transferred,
        differenceVnd: st.netLines - st.transferred,
        matches: st.netLines === st.transferred,
      });
      const m = r.body.missing ?? {};
      check(`${st.carrier} missing`, { count: m.count, codVnd: m.codVnd }, { count: st.exp.missing.count, codVnd: st.exp.missing.codVnd });
      for (const b of m.ageing ?? [])
        check(
          `${st.carrier} missing ${b.bucket}`,
          { count: b.count, codVnd: b.codVnd },
          st.exp.missing.buckets[b.bucket] ?? { count: 0, codVnd: 0 },
        );
      const disc =
        st.outcomes.short.differenceVnd +
        st.outcomes.over.differenceVnd +
        st.outcomes.unknown.netRemittedVnd +
        st.outcomes.duplicate.netRemittedVnd -
        (st.netLines - st.transferred);
      const { rows } = await db.query(
        'SELECT code, debits_vnd::text AS d, credits_vnd::text AS c FROM ledger_accounts WHERE code = ANY($1)',
        [
          [
            `carrier:${st.carrier}:receivable`,
            `carrier:${st.carrier}:clearing`,
            `carrier:${st.carrier}:discrepancy`,
            `platform:expense:carrier-fees:${st.carrier}`,
          ],
        ],
      );
      const bal = Object.fromEntries(
        rows.map((x) => [x.code.replace(`:${st.carrier}`, '').replace(`-${st.carrier}`, ''), Number(x.d) - Number(x.c)]),
      );
      check(`${st.carrier} ledger`, bal, {
        'carrier:receivable': st.exp.receivableLeft,
        'carrier:clearing': 0,
        'carrier:discrepancy': -disc,
        'platform:expense:carrier-fees': st.exp.fees,
      });
    }
    const { rows: sellers } = await db.query(
      `SELECT sum(credits_vnd - debits_vnd) FILTER (WHERE kind = 'seller_pending')::text AS pending,
              sum(credits_vnd - debits_vnd) FILTER (WHERE kind = 'seller_available')::text AS available,
              (SELECT debits_vnd FROM ledger_accounts WHERE code = 'platform:bank')::text AS bank
         FROM ledger_accounts`,
    );
    const sumExp = (f) => gen.statements.reduce((t, s) => t + f(s), 0);
    check(
      'sellers pending',
      Number(sellers[0].pending),
      sumExp((s) => s.exp.pendingLeft),
    );
    check(
      'sellers available',
      Number(sellers[0].available),
      sumExp((s) => s.exp.released),
    );
    check(
      'bank',
      Number(sellers[0].bank),
      sumExp((s) => s.transferred),
    );
    const { rows: tb } = await db.query(
      `SELECT (SELECT sum(debits_vnd) FROM ledger_accounts)::text AS ad, (SELECT sum(credits_vnd) FROM ledger_accounts)::text AS ac,
              (SELECT sum(debit_vnd) FROM ledger_entries)::text AS ed, (SELECT sum(credit_vnd) FROM ledger_entries)::text AS ec,
              (SELECT count(*) FROM ledger_postings WHERE kind LIKE 'remittance%')::int AS postings`,
    );
    check('trial balance', [tb[0].ac, tb[0].ed, tb[0].ec], [tb[0].ad, tb[0].ad, tb[0].ad]);
    // The trial balance through the API, every page of it (~40,000 accounts): the pages together
    // must list every account once and add up to the totals each page reports, and stay small.
    const tbApi = { pages: 0, accounts: 0, debits: 0, credits: 0, maxPageBytes: 0, msPerPage: [], status: 200, last: undefined };
    for (let cursor; ;) {
      const t = Date.now();
      const r = await call(
        base,
        'GET',
        `/v1/admin/ledger/trial-balance?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ADMIN,
      );
      tbApi.msPerPage.push(Date.now() - t);
      if (r.status !== 200) {
        Object.assign(tbApi, { status: r.status, error: JSON.stringify(r.body).slice(0, 200) });
        failures.push(`trial balance page ${tbApi.pages + 1}: ${r.status} ${tbApi.error}`);
        break;
      }
      tbApi.pages += 1;
      tbApi.accounts += r.body.items.length;
      tbApi.maxPageBytes = Math.max(tbApi.maxPageBytes, r.bytes);
      for (const a of r.body.items) {
        tbApi.debits += a.debitsVnd;
        tbApi.credits += a.creditsVnd;
      }
      tbApi.last = r.body;
      if (!r.body.nextCursor) break;
      cursor = r.body.nextCursor;
    }
    if (tbApi.last) {
      check(
        'trial balance endpoint',
        { balanced: tbApi.last.balanced, accounts: tbApi.accounts, debits: tbApi.debits, credits: tbApi.credits },
        {
          balanced: true,
          accounts: tbApi.last.accountCount,
          debits: tbApi.last.totalDebitsVnd,
          credits: tbApi.last.totalCreditsVnd,
        },
      );
      check('trial balance totals', tbApi.last.totalDebitsVnd, Number(tb[0].ad));
    }

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
      remittancePostings: tb[0].postings,
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
    await cluster?.stop().catch(() => undefined);
    if (!KEEP) await dropDatabases(prefix);
    if (broker.startedByUs) await stopBroker({ port: KAFKA_PORT });
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

function pick(o) {
  if (!o) return o;
  return {
    count: o.count,
    codCollectedVnd: o.codCollectedVnd,
    expectedCodVnd: o.expectedCodVnd,
    netRemittedVnd: o.netRemittedVnd,
    differenceVnd: o.differenceVnd,
  };
}

/**
 * The plan of one reconciliation step as the service runs it — its own SQL (taken from the
 * compiled ReconciliationRepository) on the statement's first range, still unreconciled because
 * `lock` holds its carrier's reconciliation lock, in a transaction rolled back. Then the lock goes.
 */
async function explainStep(db, prefix, remittanceId, carrier, lock) {
  try {
    const { ReconciliationRepository } = require(
      path.join(ROOT, process.env.DIST_DIR, 'apps/settlement/src/remittances/reconciliation.repository'),
    );
    const {
      rows: [b],
    } = await db.query('SELECT chunk_size FROM remittance_batches WHERE id = $1', [remittanceId]);
    let captured;
    await new ReconciliationRepository().reconcileRange(
      { query: async (sql, params) => ((captured = { sql, params }), []) },
      remittanceId,
      carrier,
      0,
      b.chunk_size,
    );
    await db.query('BEGIN');
    try {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${captured.sql}`, captured.params);
      console.log(`EXPLAIN ANALYZE of ${carrier}'s first step (${fmt(b.chunk_size)} lines), rolled back:`);
      console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
    } finally {
      await db.query('ROLLBACK');
    }
  } finally {
    await lock.end();
  }
}

async function dropDatabases(prefix) {
  const admin = new Client({ connectionString: DB_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}\\_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** The collector's line: the last one printed, whatever happened. */
let benchRecord;
function printBenchResult(r) {
  const row = {
    benchmark: `settlement: reconcile and post a ${fmt(LINES)}-line Tết-day statement`,
    figure: r.figure,
    target: `≤ ${TARGET_S} s, ≤ ${TARGET_MB} MB`,
    baseline: r.baseline,
    met: r.met,
    command: 'node bench/settlement-reconcile.js',
  };
  console.log(`BENCH_RESULT ${JSON.stringify({ rows: [row] })}`);
}

main().then(
  () => printBenchResult(benchRecord ?? { figure: 'no figure (the run ended early)', baseline: 'n/a', met: false }),
  (e) => {
    console.error(e);
    printBenchResult({
      figure: `failed: ${String(e?.message ?? e)
        .split('\n')[0]
        .slice(0, 200)}`,
      baseline: 'n/a',
      met: false,
    });
    process.exit(1);
  },
);
