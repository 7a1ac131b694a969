'use strict';
// `npm run bench`: every benchmark under bench/ one after another (the fault-survival run is
// separate: `npm run fault`), each with its issue-sized defaults (`--quick`: smaller sizes for a
// quick look), then the collected figures as a table in docs/benchmarks.md between
// `<!-- bench:table:start -->` and `<!-- bench:table:end -->`; the rest of that file is left alone.
//
// Protocol: a benchmark prints as its last line `BENCH_RESULT {"rows":[{"benchmark","figure",
// "target","baseline","met","command"}]}`; this script adds the date and the load average.
//
//   source tools/node24-env.sh
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench [-- --quick] [--only scale-out,trace-page] [--no-write]
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadAverage } = require('./lib/common');
const { parseOptions } = require('./lib/options');

const ROOT = path.resolve(__dirname, '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';
/** Not benchmarks: this script and the fault run (minutes of SIGKILLs, run by hand). */
const NOT_BENCHMARKS = new Set(['run-all.js', 'fault-survival.js']);
/** The order to run them in, and the smaller sizes of a quick run; a benchmark not listed runs last with its defaults. */
const KNOWN = [
  ['catalog-read.js', ['--products', '5000', '--seconds', '5', '--warmup', '2']],
  ['orders-throughput.js', ['--rate', '50', '--seconds', '10', '--pgbench-seconds', '5']],
  ['orders-list.js', ['--orders', '20000', '--seconds', '5', '--warmup', '2', '--rounds', '1']],
  ['settlement-reconcile.js', ['--lines', '20000', '--sellers', '1000']],
  ['trace-page.js', ['--seconds', '5']],
  ['traceability-verify.ts', ['--events', '1000', '--runs', '5']],
  ['scale-out.js', ['--orders', '200']],
  ['webhooks-delivery.js', ['--rate', '10', '--seconds', '10', '--warmup', '3']],
];

const USAGE = 'usage: npm run bench -- [--quick] [--only name,name] [--no-write] [--timeout-min N]';
let args;
try {
  args = parseOptions(process.argv.slice(2), { quick: false, noWrite: false, only: '', timeoutMin: 0 }, USAGE);
} catch (e) {
  console.error(e.message);
  process.exit(2);
}
const quick = args.quick;
const write = !args.noWrite;
const only = args.only ? args.only.split(',') : null;
const timeoutMin = args.timeoutMin || (quick ? 20 : 90);

/** Every benchmark file, in the order they run. */
function allBenchmarkFiles() {
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => /\.(js|ts)$/.test(f) && !NOT_BENCHMARKS.has(f))
    .sort();
  const order = KNOWN.map(([f]) => f);
  return [...order.filter((f) => files.includes(f)), ...files.filter((f) => !order.includes(f))];
}

function benchmarks() {
  return allBenchmarkFiles()
    .filter((f) => !only || only.some((n) => f.startsWith(n)))
    .map((f) => ({ file: f, args: quick ? (KNOWN.find(([k]) => k === f)?.[1] ?? []) : [] }));
}

/** Runs one benchmark, its output passed through and kept in a log; resolves with its last BENCH_RESULT line. */
/** The benchmark running now: an interrupt is passed on to it (it stops what it started) before this script ends. */
let current;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (!current) process.exit(130);
    console.error(`\n${sig}: stopping ${current.file} …`);
    try {
      process.kill(-current.pid, 'SIGINT');
    } catch {
      /* gone */
    }
    current.interrupted = true;
  });
}

function run(b, logDir) {
  return new Promise((resolve) => {
    const started = new Date();
    const loadBefore = os.loadavg()[0];
    const log = fs.createWriteStream(path.join(logDir, `${b.file}.log`));
    const child = spawn(process.execPath, [path.join('bench', b.file), ...b.args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout stops what it started too
    });
    current = { file: b.file, pid: child.pid };
    let lastResult;
    let linesAfter = 0;
    let buf = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      log.write(chunk);
      buf += chunk.toString('utf8');
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('BENCH_RESULT ')) {
          lastResult = line;
          linesAfter = 0;
        } else if (line.trim() && lastResult) linesAfter++;
      }
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      log.write(chunk);
    });
    const timer = setTimeout(() => {
      console.error(`\n${b.file}: no end after ${timeoutMin} min; stopping it (SIGINT, then SIGKILL)`);
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {
        /* gone */
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 60_000).unref();
    }, timeoutMin * 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (buf.startsWith('BENCH_RESULT ')) lastResult = buf;
      log.end();
      if (current?.interrupted) process.exit(130);
      current = undefined;
      resolve({
        ...b,
        code,
        signal,
        lastResult,
        linesAfter,
        started,
        seconds: (Date.now() - started.getTime()) / 1000,
        loadBefore,
        loadAfter: os.loadavg()[0],
      });
    });
  });
}

function rowsOf(r) {
  const command = `node bench/${r.file}${r.args.length ? ` ${r.args.join(' ')}` : ''}`;
  const base = {
    date: `${r.started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    load: `${r.loadBefore.toFixed(1)} → ${r.loadAfter.toFixed(1)}`,
    seconds: r.seconds,
  };
  if (!r.lastResult) {
    return [
      {
        ...base,
        benchmark: r.file,
        figure: `no BENCH_RESULT line (exit ${r.code ?? r.signal})`,
        target: '—',
        baseline: '—',
        met: null,
        command,
      },
    ];
  }
  try {
    const { rows } = JSON.parse(r.lastResult.slice('BENCH_RESULT '.length));
    return rows.map((row) => ({
      ...base,
      ...row,
      // The command must reproduce the figure: a row that leaves out the arguments run-all passed gets run-all's.
      command: row.command && r.args.every((x) => row.command.includes(x)) ? row.command : command,
      warning: r.linesAfter ? `${r.linesAfter} lines after BENCH_RESULT` : '',
    }));
  } catch (e) {
    return [
      { ...base, benchmark: r.file, figure: `unreadable BENCH_RESULT: ${e.message}`, target: '—', baseline: '—', met: null, command },
    ];
  }
}

const cell = (s) =>
  String(s ?? '—')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

/** The benchmark file a table row came from, read from its command cell. */
const fileOfRow = (line) => /`node bench\/([\w.-]+)/.exec(line)?.[1];

function renderRow(r) {
  return `| ${[
    cell(r.benchmark),
    cell(r.figure + (r.warning ? ` (${r.warning})` : '')),
    cell(r.target),
    r.met === true ? 'yes' : r.met === false ? 'no' : '—',
    cell(r.baseline),
    `\`${cell(r.command)}\``,
    cell(r.date),
    cell(r.load),
  ].join(' | ')} |`;
}

/**
 * The block's table: this run's rows, and with --only, the rows of the benchmarks it did not run
 * kept from the block as it was (each row carries its own date).
 */
function table(rows, ran, startedAt, previous) {
  const kept = only ? previous.filter((line) => !ran.includes(fileOfRow(line))) : [];
  const head =
    `Collected by \`npm run bench${quick || only ? ' --' : ''}${quick ? ' --quick' : ''}${only ? ` --only ${only.join(',')}` : ''}\`, last run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
    `node ${process.version}, ${os.cpus().length} CPUs${quick ? ' — a quick run: smaller sizes than the issues ask for, so targets are not judged by it' : ''}. ` +
    'Each row has its own date; load average: the 1-minute figure before → after the benchmark (other sessions share the machine).';
  return [
    head,
    '',
    '| benchmark | figure | target | met | baseline in the same run | command | date | load average |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...[...kept, ...rows.map(renderRow)]
      .map((line, i) => ({ line, i, at: allBenchmarkFiles().indexOf(fileOfRow(line) ?? '') }))
      .sort((x, y) => (x.at < 0 ? 1e9 : x.at) - (y.at < 0 ? 1e9 : y.at) || x.i - y.i)
      .map((x) => x.line),
  ].join('\n');
}

/** The table rows now between the markers. */
function previousRows() {
  const doc = fs.readFileSync(DOC, 'utf8');
  if (!doc.includes(START)) return [];
  return doc
    .slice(doc.indexOf(START), doc.indexOf(END))
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| benchmark |') && !l.startsWith('| --- '));
}

function writeDoc(markdown) {
  const doc = fs.readFileSync(DOC, 'utf8');
  const block = `${START}\n${markdown}\n${END}`;
  let next;
  if (doc.includes(START) && doc.includes(END)) {
    next = doc.slice(0, doc.indexOf(START)) + block + doc.slice(doc.indexOf(END) + END.length);
  } else {
    // First run: the block goes after the opening paragraph, before the hand-written table.
    const at = doc.indexOf('\n\n|');
    next = at < 0 ? `${doc.trimEnd()}\n\n${block}\n` : `${doc.slice(0, at)}\n\n${block}${doc.slice(at)}`;
  }
  fs.writeFileSync(DOC, next);
}

async function main() {
  const startedAt = new Date();
  const logDir = path.join(ROOT, '.data', 'bench-logs', `run-all-${startedAt.toISOString().replace(/[:.]/g, '-')}`);
  fs.mkdirSync(logDir, { recursive: true });
  const list = benchmarks();
  console.log(
    `${list.length} benchmarks${quick ? ' (quick)' : ''}: ${list.map((b) => b.file).join(', ')}; load ${loadAverage()}; logs in ${path.relative(ROOT, logDir)}`,
  );
  const results = [];
  for (const b of list) {
    console.log(`\n======== ${b.file} ${b.args.join(' ')} ========`);
    results.push(await run(b, logDir));
    const r = results.at(-1);
    console.log(
      `======== ${b.file}: exit ${r.code ?? r.signal} after ${r.seconds.toFixed(0)} s; ${r.lastResult ? 'result read' : 'NO BENCH_RESULT line'} ========`,
    );
  }
  const rows = results.flatMap(rowsOf);
  const markdown = table(
    rows,
    list.map((b) => b.file),
    startedAt,
    previousRows(),
  );
  console.log(`\n${markdown}\n`);
  if (write) {
    writeDoc(markdown);
    console.log(`written to ${path.relative(ROOT, DOC)} between ${START} and ${END}`);
  }
  const missing = results.filter((r) => !r.lastResult);
  if (missing.length > 0) console.log(`no result from: ${missing.map((r) => r.file).join(', ')}`);
  process.exit(missing.length > 0 ? 1 : 0);
}

void main();
