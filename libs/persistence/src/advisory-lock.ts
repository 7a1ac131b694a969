import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` on one dedicated connection while it holds the session advisory lock named `key`
 * (hashed to PostgreSQL's lock space), if no other session holds it; `work` gets that
 * connection's manager, so transactions it opens keep the lock's connection. PostgreSQL drops the
 * lock if the process dies. Returns `{ locked: false }` without running `work` when the lock is
 * taken.
 */
export async function withTryAdvisoryLock<T>(
  ds: DataSource,
  key: string,
  work: (manager: EntityManager) => Promise<T>,
): Promise<{ locked: true; value: T } | { locked: false }> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [key])) as { locked: boolean }[];
    if (!locked) return { locked: false };
    try {
      return { locked: true, value: await work(runner.manager) };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
    }
  } finally {
    await runner.release();
  }
}
