'use strict';
// The databases of a run on one PostgreSQL server: each named `<prefix>_<name>`.
const { Client } = require('pg');

/** `database` on the server of `serverUrl`. */
function databaseUrl(serverUrl, database) {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Drops every database named `<prefix>_…` on the server; resolves with how many there were. */
async function dropDatabases(serverUrl, prefix) {
  const c = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await c.connect();
  try {
    const { rows } = await c.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}\\_%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return rows.length;
  } finally {
    await c.end();
  }
}

module.exports = { databaseUrl, dropDatabases };
