'use strict';
const { Client } = require('pg');

/** Stops what the setup started and drops this run's databases. */
module.exports = async function globalTeardown() {
  const state = globalThis.__NONGSAN_TEST__;
  const runId = process.env.TEST_RUN_ID;
  const stops = state?.stops ?? [];
  // The cluster first, then the databases, then the broker and embedded PostgreSQL.
  if (stops.length > 0) await stops.shift()();
  if (runId && process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${runId}\\_%`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  for (const stop of stops) await stop();
};
