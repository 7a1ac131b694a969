'use strict';
// `npm start` (quickstart): every app in one process on embedded PostgreSQL, in-process transport.
// `npm run start:cluster`: every app its own process on a real Kafka broker (started if needed).
// DATABASE_URL, when set, is used instead of embedded PostgreSQL in both modes.
const { spawn } = require('node:child_process');
const path = require('node:path');
const { build } = require('./build');
const { startEmbeddedPostgres } = require('./embedded-pg');

const ROOT = path.resolve(__dirname, '..');
const SERVICES = ['catalog', 'orders', 'traceability', 'settlement'];

async function database(stops) {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const t = Date.now();
  const pg = await startEmbeddedPostgres();
  stops.push(() => pg.stop());
  console.log(`embedded PostgreSQL ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return pg.url;
}

function onSignal(stop) {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${sig}: stopping…`);
      stop().then(
        () => process.exit(0),
        (e) => {
          console.error(e);
          process.exit(1);
        },
      );
    });
  }
}

async function quickstart() {
  const t0 = Date.now();
  const stops = [];
  build({ quiet: true });
  process.env.DATABASE_URL = await database(stops);
  process.env.TRANSPORT = 'in-process';
  process.env.LOG_LEVEL ??= 'warn';
  const { startQuickstart } = require(path.join(ROOT, 'dist/tools/quickstart/quickstart.js'));
  const system = await startQuickstart(process.env);
  stops.unshift(() => system.close());
  const port = process.env.PORT ?? '3000';
  console.log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${port}/docs  http://localhost:${port}/v1/categories`);
  onSignal(async () => {
    for (const stop of stops) await stop();
  });
}

function prefixLines(name, stream, out) {
  let buf = '';
  stream.on('data', (chunk) => {
    buf += chunk.toString('utf8');
    const lines = buf.split('\n');
    buf = lines.pop() ?? '';
    for (const line of lines) out.write(`${name.padEnd(12)}| ${line}\n`);
  });
}

async function waitForReady(url, timeoutMs) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function cluster() {
  const t0 = Date.now();
  const stops = [];
  const children = [];
  build({ quiet: true });
  const { ensureBroker } = require('./kafka/broker');
  const broker = await ensureBroker();
  console.log(
    `kafka ${broker.startedByUs ? 'started' : 'reused'} on ${broker.brokers.join(',')} (${(broker.readyMs / 1000).toFixed(1)} s)`,
  );
  const databaseUrl = await database(stops);
  const env = { ...process.env, DATABASE_URL: databaseUrl, KAFKA_BROKERS: broker.brokers.join(','), TRANSPORT: 'kafka' };
  const apps = [...SERVICES, 'gateway'];
  for (const app of apps) {
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, `dist/apps/${app}/src/main.js`)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixLines(app, child.stdout, process.stdout);
    prefixLines(app, child.stderr, process.stderr);
    child.on('exit', (code, signal) => console.log(`${app} exited (${signal ?? code})`));
    children.push(child);
  }
  stops.push(async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve(undefined);
            c.once('exit', resolve);
            c.kill('SIGTERM');
          }),
      ),
    );
  });
  onSignal(async () => {
    for (const stop of stops) await stop();
  });
  const port = process.env.PORT ?? '3000';
  await waitForReady(`http://127.0.0.1:${port}/health/ready`, 120000);
  console.log(
    `cluster ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${apps.length} processes, gateway http://localhost:${port}/docs`,
  );
}

const mode = process.argv[2] ?? 'quickstart';
(mode === 'cluster' ? cluster() : quickstart()).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
