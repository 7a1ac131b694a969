'use strict';
// `npm start` (quickstart): every app in one process on embedded PostgreSQL, in-process transport.
// `npm run start:cluster`: every app its own process on a real Kafka broker (started if needed).
// DATABASE_URL, when set, is used instead of embedded PostgreSQL in both modes.
const path = require('node:path');
const { build, DIST } = require('./build');
const { startCluster } = require('./cluster');
const { startEmbeddedPostgres } = require('./embedded-pg');

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
  const { startQuickstart } = require(path.join(DIST, 'tools/quickstart/quickstart.js'));
  const system = await startQuickstart(process.env);
  stops.unshift(() => system.close());
  const port = process.env.PORT ?? '3000';
  console.log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${port}/docs  http://localhost:${port}/v1/categories`);
  onSignal(async () => {
    for (const stop of stops) await stop();
  });
}

async function cluster() {
  const t0 = Date.now();
  const stops = [];
  build({ quiet: true });
  const { ensureBroker } = require('./kafka/broker');
  const broker = await ensureBroker();
  console.log(
    `kafka ${broker.startedByUs ? 'started' : 'reused'} on ${broker.brokers.join(',')} in ${(broker.readyMs / 1000).toFixed(1)} s`,
  );
  const databaseUrl = await database(stops);
  const env = { ...process.env, DATABASE_URL: databaseUrl, KAFKA_BROKERS: broker.brokers.join(',') };
  const system = await startCluster({ env, echo: true });
  stops.unshift(() => system.stop());
  onSignal(async () => {
    for (const stop of stops) await stop();
  });
  const pids = [...system.children.entries()].map(([app, c]) => `${app}=${c.pid}`).join(' ');
  console.log(`cluster ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${pids}): ${system.gatewayUrl}/docs`);
}

const mode = process.argv[2] ?? 'quickstart';
(mode === 'cluster' ? cluster() : quickstart()).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
