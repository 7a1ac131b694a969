'use strict';
// The start every benchmark shares: its own build (DIST_DIR), its broker, the cluster on its
// gateway port (the services' health ports right after it) on databases `<prefix>_*`, with the
// bootstrap admin key set and logs in .data/bench-logs/<prefix>/ (one file per process).
const path = require('node:path');
const { build } = require('../../tools/build');
const { startStack } = require('../../tools/stack');

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

module.exports = { startBenchStack };
