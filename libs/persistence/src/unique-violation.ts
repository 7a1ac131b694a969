/** True when `e` is PostgreSQL's unique_violation (23505), of `constraint` when one is named. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = e as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } } | undefined;
  const pg = err?.driverError ?? err;
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}
