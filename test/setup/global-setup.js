'use strict';
// Starts what the tests cross for real, once per run, and tells the test workers through the
// environment: PostgreSQL (DATABASE_URL, else embedded), a Kafka broker, and the cluster of apps.
const path = require('node:path');
const { ensureBroker } = require('../../tools/kafka/broker');
const { startCluster } = require('../../tools/cluster');
const { startEmbeddedPostgres } = require('../../tools/embedded-pg');

const ROOT = path.resolve(__dirname, '../..');

module.exports = async function globalSetup() {
  const t0 = Date.now();
  const state = { stops: [] };
  globalThis.__NONGSAN_TEST__ = state;
  const runId = `t${Date.now().toString(36)}`;
  process.env.TEST_RUN_ID = runId;
  process.env.LOG_LEVEL ??= 'warn';

  if (!process.env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres({
      dir: path.join(ROOT, '.data', 'pg-test'),
      port: Number(process.env.EMBEDDED_PG_TEST_PORT ?? 25433),
    });
    state.stops.push(() => pg.stop());
    process.env.DATABASE_URL = pg.url;
  }
  const kafkaPort = Number(process.env.KAFKA_TEST_PORT ?? 19092);
  const broker = await ensureBroker({ port: kafkaPort });
  if (broker.startedByUs && !process.env.KAFKA_KEEP) {
    const { stopBroker } = require('../../tools/kafka/broker');
    state.stops.push(() => stopBroker({ port: kafkaPort }));
  }
  process.env.KAFKA_BROKERS = broker.brokers.join(',');

  // The cluster under test: every app its own process, databases prefixed with this run's id.
  const env = {
    ...process.env,
    DB_NAME_PREFIX: `${runId}_sys`,
    NODE_ENV: 'test',
    ADMIN_API_KEY: process.env.ADMIN_API_KEY ?? 'test-admin-key-0123456789',
    CARRIER_WEBHOOK_SECRETS: 'VTP:vtp-webhook-secret-test,VNPOST:vnpost-webhook-secret-test',
    OUTBOX_POLL_MS: '200',
    // A seller's deadline short enough for the expiry test to see it pass.
    SELLER_ACCEPT_TIMEOUT_MS: '20000',
    ORDER_SWEEP_INTERVAL_MS: '1000',
    // Receivers in the tests are HTTP servers on loopback; retries come quickly.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOK_RETRY_SCHEDULE_MS: '400,400,400,400,400',
    WEBHOOK_TIMEOUT_MS: '5000',
  };
  const gatewayPort = Number(process.env.E2E_GATEWAY_PORT ?? 29000);
  const cluster = await startCluster({
    env,
    port: gatewayPort,
    healthPortBase: gatewayPort + 1,
    logDir: path.join(ROOT, '.data', 'test-logs', runId),
  });
  state.stops.unshift(() => cluster.stop());
  process.env.E2E_BASE_URL = cluster.gatewayUrl;
  process.env.E2E_ADMIN_API_KEY = env.ADMIN_API_KEY;
  process.env.E2E_DB_NAME_PREFIX = env.DB_NAME_PREFIX;
  process.env.E2E_CARRIER_WEBHOOK_SECRETS = env.CARRIER_WEBHOOK_SECRETS;
  process.env.E2E_LOG_DIR = path.join(ROOT, '.data', 'test-logs', runId);
  console.log(
    `\nsetup: kafka ${broker.startedByUs ? 'started' : 'reused'} in ${(broker.readyMs / 1000).toFixed(1)} s; cluster of 6 processes ready; total ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
};
