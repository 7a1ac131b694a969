import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from 'prom-client';

let defaultsCollected = false;

/** Process-wide default metrics, once even when several apps share a process (quick start). */
export function collectProcessMetrics(): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics();
}

/** Returns the registered metric of that name, creating it the first time. */
export function counter(name: string, help: string, labelNames: string[] = []): Counter {
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames });
}

export function gauge(name: string, help: string, labelNames: string[] = []): Gauge {
  return (register.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, labelNames });
}

export function histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): Histogram {
  return (
    (register.getSingleMetric(name) as Histogram | undefined) ?? new Histogram({ name, help, labelNames, ...(buckets ? { buckets } : {}) })
  );
}
