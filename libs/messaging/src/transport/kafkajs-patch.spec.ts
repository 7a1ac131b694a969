/**
 * patches/kafkajs+2.2.4.patch (applied by patch-package on npm install): an idle connection must
 * not re-arm a timer. Unpatched, every kafkajs connection ran a 1 ms setTimeout loop for ever
 * (kafkajs issue #1556) — thousands of wake-ups a second per process, CPU every request then
 * waited for on a two-core machine. This fails if the patch was not applied.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (o: Record<string, unknown>) => {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  checkPendingRequests(): void;
  destroy(): void;
};

const made: { destroy(): void }[] = [];
const queue = () => {
  const q = new RequestQueue({
    maxInFlightRequests: null,
    requestTimeout: 30000,
    enforceRequestTimeout: false,
    clientId: 'patch-check',
    broker: '127.0.0.1:9',
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  made.push(q);
  return q;
};

describe('kafkajs request queue (patched)', () => {
  // Unpatched, a failed expectation would leave the timer loop running and the test hanging.
  afterEach(() => made.splice(0).forEach((q) => q.destroy()));

  it('schedules nothing when nothing is pending and nothing throttles', () => {
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('still checks again at the end of a throttle', () => {
    const q = queue();
    q.throttledUntil = Date.now() + 50;
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });

  it('still checks pending requests every 10 ms until they can go', () => {
    const q = queue();
    q.pending.push({});
    q.throttledUntil = Date.now() + 1_000;
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });
});
