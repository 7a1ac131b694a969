'use strict';
// Starts what the tests cross for real, once per run, and tells the test workers through the
// environment: PostgreSQL (DATABASE_URL, else embedded), a Kafka broker, and the cluster of apps.
const path = require('node:path');
const { startStack, stopStack } = require('../../tools/stack');
const { recordSecrets } = require('../../tools/log-check');

const ROOT = path.resolve(__dirname, '../..');

module.exports = async function globalSetup() {
  const t0 = Date.now();
  const stops = stopStack();
  globalThis.__NONGSAN_TEST__ = { stops };
  // tools/test.js names the run, to check its logs afterwards (tools/log-check.js).
  const runId = process.env.TEST_RUN_ID ?? `t${Date.now().toString(36)}`;
  process.env.TEST_RUN_ID = runId;
  process.env.LOG_LEVEL ??= 'warn';
  const logDir = path.join(ROOT, '.data', 'test-logs', runId);
  const gatewayPort = Number(process.env.E2E_GATEWAY_PORT ?? 29000);

  // The cluster under test: every app its own process, databases prefixed with this run's id
  // (the integration tests' own databases too: all are dropped once the cluster has stopped).
  const { serverUrl, broker, env, cluster } = await startStack(stops, {
    database: { embedded: { dir: path.join(ROOT, '.data', 'pg-test'), port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? 25433) } },
    broker: { port: Number(process.env.KAFKA_TEST_PORT ?? 19092), stop: process.env.KAFKA_KEEP ? 'never' : 'if-started' },
    dropPrefix: runId,
    env: {
      ...process.env,
      DB_NAME_PREFIX: `${runId}_sys`,
      NODE_ENV: 'test',
      // The cluster logs what production logs (info: a line per request, its headers included),
      // so that the log check after the run (tools/log-check.js) reads what an operator would.
      LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'info',
      ADMIN_API_KEY: process.env.ADMIN_API_KEY ?? 'test-admin-key-0123456789',
      // The carriers the suites' keys act for: each suite that reads a carrier's ledger accounts has
      // codes of its own (settlement: GHN and GHTK; the fuzz test: BEST; webhook events: NJV and JNT), the others share VTP and VNPOST.
      CARRIER_CODES: 'VNPOST,VTP,GHN,GHTK,BEST,NJV,JNT',
      CARRIER_WEBHOOK_SECRETS: 'VTP:vtp-webhook-secret-test,VNPOST:vnpost-webhook-secret-test',
      OUTBOX_POLL_MS: '200',
      // A seller's deadline short enough for the expiry test to see it pass.
      SELLER_ACCEPT_TIMEOUT_MS: '20000',
      ORDER_SWEEP_INTERVAL_MS: '1000',
      // Receivers in the tests are HTTP servers on loopback; retries come quickly.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_RETRY_SCHEDULE_MS: '400,400,400,400,400',
      WEBHOOK_TIMEOUT_MS: '5000',
    },
    cluster: { port: gatewayPort, healthPortBase: gatewayPort + 1, logDir },
  });
  process.env.DATABASE_URL = serverUrl;
  process.env.KAFKA_BROKERS = broker.brokers.join(',');
  process.env.E2E_BASE_URL = cluster.gatewayUrl;
  process.env.E2E_ADMIN_API_KEY = env.ADMIN_API_KEY;
  process.env.E2E_DB_NAME_PREFIX = env.DB_NAME_PREFIX;
  process.env.E2E_CARRIER_WEBHOOK_SECRETS = env.CARRIER_WEBHOOK_SECRETS;
  process.env.E2E_LOG_DIR = logDir;
  recordSecrets(runId, [
    { kind: 'admin key', value: env.ADMIN_API_KEY },
    ...env.CARRIER_WEBHOOK_SECRETS.split(',').map((pair) => ({ kind: 'carrier token', value: pair.slice(pair.indexOf(':') + 1) })),
  ]);
  // Where Prometheus would scrape each process (the gateway: its internal METRICS_PORT).
  process.env.E2E_METRICS_URLS = JSON.stringify(Object.fromEntries(cluster.names().map((name) => [name, cluster.metricsUrl(name)])));
  console.log(
    `\nsetup: kafka ${broker.startedByUs ? 'started' : 'reused'} in ${(broker.readyMs / 1000).toFixed(1)} s; cluster of 6 processes ready; total ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
};
