'use strict';
// What the apps stand on, started in order and stopped in reverse: PostgreSQL (DATABASE_URL, else
// embedded), a Kafka broker (reused when one answers on its port) and the cluster of app processes.
// One helper for `npm start`, `npm run start:cluster`, the test suite's global setup and the benchmarks.
const { startCluster } = require('./cluster');
const { dropDatabases } = require('./databases');
const { startEmbeddedPostgres } = require('./embedded-pg');
const { ensureBroker, stopBroker } = require('./kafka/broker');

/**
 * Stop steps run last-in first-out, each once; with `signalExitCode`, also on SIGINT/SIGTERM, after
 * which the process exits with that code, so an interrupted run leaves nothing behind.
 * @param {{ signalExitCode?: number }} [o]
 * @returns {{ push: (stop: () => Promise<unknown>) => void, runAll: () => Promise<void> }}
 */
function stopStack(o = {}) {
  const stops = [];
  let ran;
  const runAll = () => {
    ran ??= (async () => {
      for (const stop of stops.splice(0).reverse()) await stop().catch((e) => console.error(`cleanup: ${e.message}`));
    })();
    return ran;
  };
  if (o.signalExitCode !== undefined) {
    for (const sig of ['SIGINT', 'SIGTERM']) {
      process.once(sig, () => {
        console.error(`\n${sig}: stopping what this run started …`);
        void runAll().finally(() => process.exit(o.signalExitCode));
      });
    }
  }
  return { push: (fn) => void stops.push(fn), runAll };
}

/**
 * The PostgreSQL server: `url` (default DATABASE_URL) when given, else embedded PostgreSQL
 * (`embedded`: its data dir and port), stopped by `stops`.
 * @param {ReturnType<typeof stopStack>} stops
 * @param {{ url?: string, embedded?: { dir?: string, port?: number }, log?: (msg: string) => void }} [o]
 */
async function startDatabase(stops, o = {}) {
  const url = o.url ?? process.env.DATABASE_URL;
  if (url) return url;
  const t = Date.now();
  const pg = await startEmbeddedPostgres(o.embedded);
  stops.push(() => pg.stop());
  o.log?.(`embedded PostgreSQL ready in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return pg.url;
}

/**
 * A broker on `port`. `stop`: when `stops` stops it — `if-started` (default: only one this call
 * started), `always` (whoever started it) or `never`; `wipe` also deletes its state then; `fresh`
 * stops and wipes a broker left on the port by an earlier run first.
 * @param {ReturnType<typeof stopStack>} stops
 * @param {{ port?: number, stop?: 'if-started' | 'always' | 'never', wipe?: boolean, fresh?: boolean }} [o]
 */
async function startBroker(stops, o = {}) {
  const port = o.port;
  if (o.fresh) await stopBroker({ port, wipe: true });
  const broker = await ensureBroker({ port });
  const stop = o.stop ?? 'if-started';
  if (stop === 'always' || (stop === 'if-started' && broker.startedByUs)) stops.push(() => stopBroker({ port, wipe: o.wipe }));
  return broker;
}

/**
 * The database server and broker, then the cluster on them: its environment is `env` (default
 * process.env) with DATABASE_URL and KAFKA_BROKERS set. `dropPrefix`: databases dropped once the
 * cluster has stopped. `beforeCluster` runs with that environment and the broker before the apps start.
 * @param {ReturnType<typeof stopStack>} stops
 * @param {{ database?: Parameters<typeof startDatabase>[1], broker?: Parameters<typeof startBroker>[1],
 *   env?: NodeJS.ProcessEnv, dropPrefix?: string, beforeCluster?: (env: NodeJS.ProcessEnv, broker: import('./kafka/broker').EnsureResult) => Promise<void> | void,
 *   cluster?: Omit<import('./cluster').ClusterOptions, 'env'> }} o
 */
async function startStack(stops, o) {
  const serverUrl = await startDatabase(stops, o.database);
  const broker = await startBroker(stops, o.broker);
  if (o.dropPrefix) stops.push(() => dropDatabases(serverUrl, o.dropPrefix));
  const env = { ...(o.env ?? process.env), DATABASE_URL: serverUrl, KAFKA_BROKERS: broker.brokers.join(',') };
  await o.beforeCluster?.(env, broker);
  const cluster = await startCluster({ ...o.cluster, env });
  stops.push(() => cluster.stop());
  return { serverUrl, broker, env, cluster };
}

module.exports = { stopStack, startDatabase, startBroker, startStack };
