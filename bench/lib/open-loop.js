'use strict';
// Constant-rate (open-loop) load: request k is due at start + k/rate whatever came back before;
// its latency counts from when it was due, so queueing behind a slow answer is measured, not hidden.
const fs = require('node:fs');

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * @param {{ rate: number, seconds: number, warmup: number, maxInFlight: number }} o
 * @param {(k: number) => Promise<string | undefined>} send  resolves with a kind label (per-kind stats), rejects on error
 */
async function constantRate(o, send) {
  const total = Math.round(o.rate * (o.warmup + o.seconds));
  const warm = Math.round(o.rate * o.warmup);
  const interval = 1000 / o.rate;
  const latencies = [];
  const byKind = new Map();
  let ok = 0;
  let errors = 0;
  let shed = 0;
  let inFlight = 0;
  let firstError;
  const pending = new Set();
  const timeline = process.env.BENCH_TIMELINE ? [] : undefined;
  const start = performance.now();
  let measureStart = 0;
  let lastDone = 0;
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    // No busy-wait for the last fraction of a millisecond: the generator shares the two cores with
    // what it measures, and spinning took ~15 % of one. A timer firing late counts as latency.
    const wait = due - performance.now();
    if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
    if (k === warm) measureStart = due;
    const measured = k >= warm;
    if (inFlight >= o.maxInFlight) {
      // Overloaded: do not pile up an unbounded backlog; count what we could not send.
      if (measured) shed++;
      continue;
    }
    inFlight++;
    const p = send(k).then(
      (kind) => {
        const done = performance.now();
        if (measured) {
          const ms = done - due;
          latencies.push(ms);
          timeline?.push([Math.round(due - start), Math.round(ms * 10) / 10]);
          ok++;
          lastDone = done;
          if (kind) (byKind.get(kind) ?? byKind.set(kind, []).get(kind)).push(ms);
        }
      },
      (e) => {
        if (measured) {
          errors++;
          firstError ??= e instanceof Error ? e.message : String(e);
          lastDone = performance.now();
        }
      },
    );
    const tracked = p.finally(() => {
      inFlight--;
      pending.delete(tracked);
    });
    pending.add(tracked);
  }
  await Promise.all(pending);
  if (timeline)
    fs.appendFileSync(process.env.BENCH_TIMELINE, JSON.stringify({ startedAt: performance.timeOrigin + start, samples: timeline }) + '\n');
  const elapsed = (Math.max(lastDone, start + total * interval) - measureStart) / 1000;
  latencies.sort((a, b) => a - b);
  const kinds = [...byKind.entries()].map(([kind, l]) => {
    l.sort((a, b) => a - b);
    return { kind, n: l.length, p50: percentile(l, 50), p99: percentile(l, 99) };
  });
  return {
    sent: total - warm - shed,
    ok,
    errors,
    shed,
    firstError,
    achieved: ok / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    kinds,
  };
}

module.exports = { constantRate, percentile };
