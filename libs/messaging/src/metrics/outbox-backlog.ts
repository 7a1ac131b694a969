import type { DataSource } from 'typeorm';

/** Events committed but not yet published, and how long the oldest of them has waited. */
export async function outboxBacklog(dataSource: DataSource): Promise<{ unsent: number; oldestAgeSeconds: number }> {
  const [row] = await dataSource.query<{ unsent: number; age: number | null }[]>(
    `SELECT count(*)::int AS unsent, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age FROM outbox WHERE published_at IS NULL`,
  );
  return { unsent: row?.unsent ?? 0, oldestAgeSeconds: Math.max(0, row?.age ?? 0) };
}
