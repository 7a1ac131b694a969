import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { QueryLogger } from './query-logger';

export interface ServiceDataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

/** How long an idle pooled connection is kept open. */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

/** A service's TypeORM options: PostgreSQL, migrations only (never `synchronize`), UTC sessions, no SQL parameters in logs. */
export function serviceDataSourceOptions(o: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: o.url,
    entities: o.entities,
    migrations: o.migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    // Failed statements without their parameters (query-logger.ts); never every statement.
    logging: ['error', 'warn'],
    logger: new QueryLogger(),
    extra: {
      max: o.poolSize ?? 10,
      // pg-pool closes a connection idle for 10 s by default, so every burst above the steady
      // concurrency opened new ones (a backend fork, startup and authentication in PostgreSQL,
      // milliseconds of wall time for the request that waits on it) and the next lull closed them
      // again. Connections opened by a burst stay for minutes instead (ADR 0004).
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
      application_name: o.applicationName,
      options: '-c timezone=UTC',
    },
  };
}

/** A stable 32-bit key for the advisory lock that serialises migrations of one database. */
function migrationLockKey(ds: DataSource): number {
  const name = String(ds.options.database ?? (ds.options as { url?: string }).url ?? 'db');
  let h = 0;
  for (const ch of `migrations:${name}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so instances starting together do not
 * race; each migration in its own transaction.
 */
export async function runMigrations(ds: DataSource): Promise<number> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [migrationLockKey(ds)]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.length;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey(ds)]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * SQL that TypeORM would still run to make the schema match the entities after all migrations:
 * empty when entities and migrations agree. The drift check fails on anything here.
 */
export async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
