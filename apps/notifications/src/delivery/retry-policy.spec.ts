import { RetryPolicy, retryAfterMs } from './retry-policy';

describe('RetryPolicy', () => {
  const API_SCHEDULE = '5000,300000,1800000,7200000,18000000,36000000,50400000,72000000,86400000';

  it('waits the schedule’s delay after each failed attempt, within ±15 % jitter, and gives up after the last', () => {
    const policy = RetryPolicy.parse(API_SCHEDULE);
    const now = 1_000_000;
    policy.schedule.forEach((delay, i) => {
      for (let k = 0; k < 50; k++) {
        const next = policy.afterFailure(i + 1, now);
        if (!('retryAt' in next)) throw new Error(`attempt ${i + 1} gave up`);
        const wait = next.retryAt.getTime() - now;
        expect(wait).toBeGreaterThanOrEqual(delay * 0.85 - 1);
        expect(wait).toBeLessThanOrEqual(delay * 1.15 + 1);
      }
    });
    expect(policy.afterFailure(10, now)).toEqual({ giveUp: true });
    // The whole schedule spans a little over 3 days.
    expect(policy.schedule.reduce((a, b) => a + b, 0) / 86400000).toBeCloseTo(3.15, 1);
  });

  it('jitters: retries of many deliveries do not all fall on one instant', () => {
    const policy = RetryPolicy.parse(API_SCHEDULE);
    const waits = new Set(Array.from({ length: 20 }, () => ('retryAt' in policy.afterFailure(2, 0) ? policy.afterFailure(2, 0) : null)));
    expect(waits.size).toBeGreaterThan(1);
  });

  it('lets a later Retry-After win, capped at 24 h, and never shortens the schedule', () => {
    const policy = new RetryPolicy([5000], () => 0.5);
    const at = (retryAfter?: number) => {
      const n = policy.afterFailure(1, 0, retryAfter);
      return 'retryAt' in n ? n.retryAt.getTime() : -1;
    };
    expect(at()).toBe(5000);
    expect(at(60_000)).toBe(60_000);
    expect(at(1000)).toBe(5000);
    expect(at(7 * 86400000)).toBe(86400000);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 10:05:00 GMT', now)).toBe(300_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
