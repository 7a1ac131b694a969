import { Gauge, register } from 'prom-client';

export type GaugeSample = { labels: Record<string, string>; value: number };

/** A source of samples for a polled gauge, e.g. one per service when several share a process. */
export type GaugeProbe = () => Promise<GaugeSample[]>;

const PROBE_TIMEOUT_MS = 3000;
const probes = new Map<string, Map<string, GaugeProbe>>();

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * A gauge read when Prometheus scrapes (prom-client's `collect`): each registered probe answers
 * with its current samples. A probe that fails or takes over 3 s leaves its series out of that
 * scrape (absent, not a stale or false zero) so an alert on absence can see it.
 */
export function polledGauge(
  name: string,
  help: string,
  labelNames: string[],
): { set(key: string, probe: GaugeProbe): void; delete(key: string): void } {
  let mine = probes.get(name);
  if (!mine) {
    const sources = new Map<string, GaugeProbe>();
    probes.set(name, sources);
    mine = sources;
    if (!register.getSingleMetric(name)) {
      new Gauge({
        name,
        help,
        labelNames,
        async collect() {
          this.reset();
          const results = await Promise.allSettled([...sources.values()].map((probe) => withTimeout(probe())));
          for (const r of results) if (r.status === 'fulfilled') for (const s of r.value) this.set(s.labels, s.value);
        },
      });
    }
  }
  const sources = mine;
  return { set: (key, probe) => void sources.set(key, probe), delete: (key) => void sources.delete(key) };
}
