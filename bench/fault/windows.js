'use strict';
// What each fault of the fault-survival run did to the storefronts (issue 23): the longest gap
// between successful placements around it, and the tail latency of the placements made meanwhile.

const { percentile } = require('../lib/open-loop');

/** The p-th percentile (0..100) of numbers, by nearest rank (open-loop's); undefined when there are none. */
function quantile(values, p) {
  return values.length === 0
    ? undefined
    : percentile(
        [...values].sort((a, b) => a - b),
        p,
      );
}

/**
 * @param {{ target: string, atMs: number, untilMs: number }[]} faults  each fault's window: from the
 *   signal until its process was ready again, plus a margin
 * @param {{ at: number, ms: number }[]} placed  every 201: when it came, and ms since the first attempt
 * @returns {{ target: string, gapMs: number, p99Ms: number | undefined, placements: number }[]}
 */
function faultWindows(faults, placed) {
  const times = placed.map((p) => p.at).sort((a, b) => a - b);
  return faults.map((f) => {
    // The longest interval between two successive successes that overlaps the window (a window
    // with no success at all spans from the last success before it to the first after it).
    let gapMs = 0;
    for (let k = 0; k + 1 < times.length; k++) {
      if (times[k + 1] < f.atMs || times[k] > f.untilMs) continue;
      gapMs = Math.max(gapMs, times[k + 1] - times[k]);
    }
    const inWindow = placed.filter((p) => p.at - p.ms >= f.atMs && p.at - p.ms <= f.untilMs);
    return {
      target: f.target,
      gapMs,
      p99Ms: quantile(
        inWindow.map((p) => p.ms),
        0.99,
      ),
      placements: inWindow.length,
    };
  });
}

module.exports = { faultWindows, quantile };
