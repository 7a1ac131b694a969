'use strict';
// The start every benchmark shares: its own build (DIST_DIR), its broker, the cluster on its
// gateway port (the services' health ports right after it) on databases `<prefix>_*`, with the
// bootstrap admin key set and logs in .data/bench-logs/<prefix>/ (one file per process); and how
// the runs that check invariants end (their exit code).
const crypto = require('node:crypto');
const path = require('node:path');
const { build } = require('../../tools/build');
const { startStack, stopStack } = require('../../tools/stack');
const { assertPortsFree, sleep } = require('./common');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * @param {ReturnType<import('../../tools/stack').stopStack>} stops  what stops it all, last first
 * @param {{ kafkaPort: number, gatewayPort: number, prefix: string, adminKey: string,
 *   databaseUrl?: string, embedded?: { dir?: string, port?: number },
 *   broker?: { stop?: 'if-started' | 'always' | 'never', wipe?: boolean, fresh?: boolean },
 *   dropDatabases?: boolean, env?: NodeJS.ProcessEnv, logDir?: string | null, timeoutMs?: number,
 *   onExit?: import('../../tools/cluster').ClusterOptions['onExit'],
 *   beforeCluster?: Parameters<typeof startStack>[1]['beforeCluster'] }} o
 *   `logDir` null: no log files; `dropDatabases`: the run's databases are dropped once the cluster has stopped
 */
async function startBenchStack(stops, o) {
  build({ quiet: true });
  return startStack(stops, {
    database: { url: o.databaseUrl, embedded: o.embedded },
    broker: { port: o.kafkaPort, ...o.broker },
    dropPrefix: o.dropDatabases ? o.prefix : undefined,
    env: { ...process.env, DB_NAME_PREFIX: o.prefix, ADMIN_API_KEY: o.adminKey, ...o.env },
    beforeCluster: o.beforeCluster,
    cluster: {
      port: o.gatewayPort,
      healthPortBase: o.gatewayPort + 1,
      logDir: o.logDir === null ? undefined : (o.logDir ?? path.join(ROOT, '.data', 'bench-logs', o.prefix)),
      timeoutMs: o.timeoutMs,
      onExit: o.onExit,
    },
  });
}

/**
 * A run that owns its ports (the fault-survival and scale-out runs): refuses to start when one of
 * them is taken (the broker's two, `gatewayPorts` from the gateway's up) rather than reuse another
 * run's processes; wipes and starts its own broker, stopped and wiped at the end; databases
 * `<name><time>_*` on `databaseUrl`, dropped at the end unless `keep`; apps given 180 s to be ready.
 * @param {ReturnType<import('../../tools/stack').stopStack>} stops
 * @param {{ what: string, name: string, kafkaPort: number, gatewayPort: number, gatewayPorts: number, adminKey: string,
 *   databaseUrl: string, keep: boolean, env?: NodeJS.ProcessEnv, onExit?: import('../../tools/cluster').ClusterOptions['onExit'],
 *   beforeCluster?: Parameters<typeof startStack>[1]['beforeCluster'] }} o
 */
async function startOwnStack(stops, o) {
  const gateway = Array.from({ length: o.gatewayPorts }, (_, i) => o.gatewayPort + i);
  await assertPortsFree([o.kafkaPort, o.kafkaPort + 1, ...gateway], o.what);
  const prefix = `${o.name}${Date.now().toString(36)}`;
  const logDir = path.join(ROOT, '.data', 'bench-logs', prefix);
  const started = await startBenchStack(stops, {
    kafkaPort: o.kafkaPort,
    gatewayPort: o.gatewayPort,
    prefix,
    adminKey: o.adminKey,
    databaseUrl: o.databaseUrl,
    broker: { fresh: true, stop: 'always', wipe: true },
    dropDatabases: !o.keep,
    logDir,
    timeoutMs: 180_000,
    onExit: o.onExit,
    env: {
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      OUTBOX_POLL_MS: '200',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Production requires the key that seals webhook secrets at rest: one per run.
      WEBHOOK_SECRET_KEY: crypto.randomBytes(32).toString('base64'),
      ...o.env,
    },
    beforeCluster: o.beforeCluster,
  });
  return { prefix, logDir, ...started };
}

/**
 * Runs a check's `main` (the fault-survival and scale-out runs) with a stop stack that also runs
 * on SIGINT/SIGTERM: exit code 0 when it resolves true (every invariant held), 1 when false, 2
 * when the run itself failed; what it started is stopped before the exit.
 * @param {(stops: ReturnType<typeof stopStack>) => Promise<boolean>} main
 */
async function runChecked(main) {
  const stops = stopStack({ signalExitCode: 130 });
  let exitCode;
  try {
    exitCode = (await main(stops)) ? 0 : 1;
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    exitCode = 2;
  } finally {
    await stops.runAll();
    await sleep(100);
  }
  process.exit(exitCode);
}

module.exports = { startBenchStack, startOwnStack, runChecked };
