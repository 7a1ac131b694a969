'use strict';
// Small helpers the benchmarks share: a seeded PRNG, the machine's load, the BENCH_RESULT line,
// port checks and read-only database access.
const net = require('node:net');
const os = require('node:os');
const { Client } = require('pg');
const { databaseUrl } = require('../../tools/databases');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** mulberry32: the same sequence for the same seed. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (list) => list[Math.floor(next() * list.length)];
  next.between = (lo, hi) => lo + next() * (hi - lo);
  return next;
}

/** `uptime`'s three load averages and the CPU count, e.g. `2.1 / 1.8 / 1.5 (2 CPUs)`. */
function loadAverage() {
  return `${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (${os.cpus().length} CPUs)`;
}

/**
 * The last line every benchmark prints, read by bench/run-all.js.
 * @param {{ benchmark: string, figure: string, target: string, baseline: string, met: boolean | null, command: string }[]} rows
 */
function printBenchResult(rows) {
  console.log(`BENCH_RESULT ${JSON.stringify({ rows })}`);
}

/**
 * Runs a benchmark's `main`: the rows it resolves with (none when it ended early) are printed as the
 * BENCH_RESULT line, last; an error is printed and the process exits 1.
 * @param {() => Promise<Parameters<typeof printBenchResult>[0] | undefined>} main
 */
function runBenchmark(main) {
  main().then(
    (rows) => {
      if (rows) printBenchResult(rows);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

/** The command line that reproduces this run: `node bench/x.js --a 1`. */
function commandLine() {
  const script = require('node:path').relative(require('node:path').resolve(__dirname, '..', '..'), process.argv[1]);
  return ['node', script, ...process.argv.slice(2)].join(' ');
}

/** True when something listens on 127.0.0.1:port. */
function portInUse(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** Refuses to start when another run holds one of our ports (its broker or cluster would be ours to break). */
async function assertPortsFree(ports, what) {
  const busy = [];
  for (const p of ports) if (await portInUse(p)) busy.push(p);
  if (busy.length > 0) {
    throw new Error(
      `${what}: port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} already in use — another run of this script (or a leftover of one) is on them; ` +
        'stop it first (ps aux | grep dist-; KAFKA_PORT=<port> node tools/kafka/cli.js stop)',
    );
  }
}

/** A connection that cannot write: every transaction it opens is read-only. */
async function readOnlyClient(serverUrl, database) {
  const c = new Client({ connectionString: databaseUrl(serverUrl, database), options: '-c default_transaction_read_only=on' });
  await c.connect();
  return c;
}

async function listDatabases(serverUrl, prefix) {
  const c = await readOnlyClient(serverUrl, 'postgres');
  try {
    const { rows } = await c.query('SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY 1', [`${prefix}\\_%`]);
    return rows.map((r) => r.datname);
  } finally {
    await c.end();
  }
}

const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

module.exports = {
  sleep,
  prng,
  loadAverage,
  printBenchResult,
  runBenchmark,
  commandLine,
  portInUse,
  assertPortsFree,
  readOnlyClient,
  listDatabases,
  fmt,
};
