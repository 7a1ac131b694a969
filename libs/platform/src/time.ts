/** Vietnam has no daylight saving: UTC+7 all year. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;

/**
 * Times are stored in UTC and shown with their offset: ISO 8601 in Vietnam time, e.g.
 * `2026-01-28T10:00:00+07:00` (the same instant as `2026-01-28T03:00:00Z`).
 */
export function toVietnamIso(d: Date | string): string {
  const date = typeof d === 'string' ? new Date(d) : d;
  const local = new Date(date.getTime() + VIETNAM_OFFSET_MINUTES * 60000);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

/** Today's calendar date in Vietnam (YYYY-MM-DD): certificate validity is by local date. */
export function vietnamDate(at: Date = new Date()): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MINUTES * 60000).toISOString().slice(0, 10);
}
