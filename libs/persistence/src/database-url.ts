import { Client } from 'pg';

/** The URL of `service`'s own database on the server named by `serverUrl`. */
export function serviceDatabaseUrl(serverUrl: string, prefix: string, service: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${prefix}_${service}`;
  return url.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** A connection to the server's `postgres` database, where databases are created and dropped. */
async function maintenanceClient(url: string): Promise<Client> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  return client;
}

const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/** Creates the database named in `url` if it does not exist (safe when several processes race). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const client = await maintenanceClient(url);
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}" ENCODING 'UTF8' TEMPLATE template0`);
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw e;
  } finally {
    await client.end();
  }
}

/** Drops the database named in `url` (tests). */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const client = await maintenanceClient(url);
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
