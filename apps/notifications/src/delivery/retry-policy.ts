/** What happens after a failed attempt. */
export type AfterFailure = { retryAt: Date } | { giveUp: true };

/** The largest wait a receiver's `Retry-After` may ask for. */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The retry schedule (API.md): after failed attempt n the next waits `schedule[n-1]`, ±15 %
 * jitter so receivers coming back are not hit by every sender at once; a later `Retry-After` wins,
 * capped at 24 h. After the last entry the delivery fails for good.
 */
export class RetryPolicy {
  constructor(
    readonly schedule: number[],
    private readonly random: () => number = Math.random,
  ) {}

  static parse(spec: string): RetryPolicy {
    return new RetryPolicy(spec.split(',').map(Number));
  }

  afterFailure(attempt: number, now: number, retryAfter?: number): AfterFailure {
    const base = this.schedule[attempt - 1];
    if (base === undefined) return { giveUp: true };
    const jittered = base * (0.85 + 0.3 * this.random());
    const wait = Math.max(jittered, Math.min(retryAfter ?? 0, MAX_RETRY_AFTER_MS));
    return { retryAt: new Date(now + Math.round(wait)) };
  }
}
