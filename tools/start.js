'use strict';
// `npm start` (quickstart): every app in one process on embedded PostgreSQL, in-process transport.
// `npm run start:cluster`: every app its own process on a real Kafka broker (started if needed).
// DATABASE_URL, when set, is used instead of embedded PostgreSQL in both modes.
const path = require('node:path');
const { build, DIST } = require('./build');
const { startDatabase, startStack, stopStack } = require('./stack');

/** Stops what was started on SIGINT/SIGTERM, says what is left running (`after`), then exits. */
function onSignal(stops, after = () => {}) {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${sig}: stopping…`);
      stops.runAll().then(
        () => {
          after();
          process.exit(0);
        },
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
  const stops = stopStack();
  build({ quiet: true });
  process.env.DATABASE_URL = await startDatabase(stops, { log: console.log });
  process.env.TRANSPORT = 'in-process';
  process.env.LOG_LEVEL ??= 'warn';
  const { startQuickstart } = require(path.join(DIST, 'tools/quickstart/quickstart.js'));
  const system = await startQuickstart(process.env);
  stops.push(() => system.close());
  const port = process.env.PORT ?? '3000';
  console.log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: http://localhost:${port}/docs  http://localhost:${port}/v1/categories`);
  onSignal(stops);
}

/**
 * What happens to the broker when the cluster stops: one this run started is stopped with it
 * (`KAFKA_KEEP=1` keeps it for the next start); one that was already running is left running.
 */
function brokerFate(broker, keep) {
  const port = broker.brokers[0].split(':').pop();
  const stopHint = `stop it with \`npm run kafka -- stop --port ${port}\``;
  if (broker.startedByUs && !keep) {
    return {
      atStart: 'it stops with the cluster on Ctrl-C (KAFKA_KEEP=1 keeps it running)',
      atStop: `kafka on ${broker.brokers.join(',')} stopped`,
    };
  }
  const why = broker.startedByUs ? 'KAFKA_KEEP is set' : 'it was running before this start';
  return {
    atStart: `it keeps running after Ctrl-C (${why}): ${stopHint}`,
    atStop: `kafka on ${broker.brokers.join(',')} keeps running (${why}): ${stopHint}`,
  };
}

async function cluster() {
  const t0 = Date.now();
  const stops = stopStack();
  build({ quiet: true });
  const keep = Boolean(process.env.KAFKA_KEEP);
  let fate;
  const { cluster: system } = await startStack(stops, {
    database: { log: console.log },
    broker: { stop: keep ? 'never' : 'if-started' },
    beforeCluster: (_env, broker) => {
      fate = brokerFate(broker, keep);
      console.log(
        `kafka ${broker.startedByUs ? 'started' : 'reused'} on ${broker.brokers.join(',')} in ${(broker.readyMs / 1000).toFixed(1)} s; ${fate.atStart}`,
      );
    },
    cluster: { echo: true, metricsPort: Number(process.env.METRICS_PORT ?? 3100) },
  });
  onSignal(stops, () => console.log(fate.atStop));
  const pids = [...system.children.entries()].map(([app, c]) => `${app}=${c.pid}`).join(' ');
  console.log(`cluster ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${pids}): ${system.gatewayUrl}/docs`);
}

const mode = process.argv[2] ?? 'quickstart';
(mode === 'cluster' ? cluster() : quickstart()).catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
