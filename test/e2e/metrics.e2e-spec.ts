import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Topics } from '@app/contracts';
import { Api } from '../support/api';
import { eventually, testKafka } from '../support/infra';
import { exportedNames, metricNamesOf, parseExposition, type Exposition, type Sample } from '../support/prometheus';

/** Where Prometheus scrapes each process of the cluster under test (set by the global setup). */
const scrapeUrls = (): Record<string, string> => JSON.parse(process.env.E2E_METRICS_URLS!) as Record<string, string>;

async function scrape(url: string): Promise<Exposition> {
  const res = await fetch(url);
  expect({ url, status: res.status }).toEqual({ url, status: 200 });
  return parseExposition(await res.text());
}

async function scrapeAll(): Promise<Map<string, Exposition>> {
  const all = new Map<string, Exposition>();
  for (const [name, url] of Object.entries(scrapeUrls())) all.set(name, await scrape(url));
  return all;
}

const find = (e: Exposition, name: string, labels: Record<string, string> = {}): Sample[] =>
  e.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

/**
 * What an on-call engineer reads: /metrics of every process (the gateway's on its internal port
 * only), with HTTP figures per route template, the outbox backlog, consumer lag, DLQs and webhook
 * delivery; and a dashboard (deploy/grafana) whose every query names a metric the processes export.
 */
describe('metrics', () => {
  const api = new Api();

  it('the public gateway port has no /metrics; the internal METRICS_PORT has it', async () => {
    for (const key of [undefined, api.adminKey]) {
      const res = await api.get('/metrics', { key });
      expect(res.status).toBe(404);
      expect(String(res.body)).not.toContain('process_cpu');
    }
    const internal = await fetch(scrapeUrls().gateway);
    expect(internal.status).toBe(200);
    expect(internal.headers.get('content-type')).toContain('text/plain');
    expect(await internal.text()).toContain('# TYPE http_request_duration_seconds histogram');
    expect((await fetch(scrapeUrls().gateway.replace(/\/metrics$/, '/v1/categories'))).status).toBe(404);
  });

  it('counts HTTP requests per route template, method and status, never per raw path', async () => {
    const storefront = (await api.issueKey('storefront')).key;
    const id = uuidv7();
    expect((await api.get(`/v1/orders/${id}`, { key: storefront })).status).toBe(404);
    expect((await api.get('/v1/categories', { key: storefront })).status).toBe(200);
    const gateway = await scrape(scrapeUrls().gateway);
    const counts = find(gateway, 'http_request_duration_seconds_count');
    expect(find(gateway, 'http_request_duration_seconds_count', { method: 'GET', route: '/v1/orders/:id', status_code: '404' })).toEqual([
      expect.objectContaining({ value: expect.any(Number) }),
    ]);
    expect(
      find(gateway, 'http_request_duration_seconds_count', { route: '/v1/categories', status_code: '200' })[0].value,
    ).toBeGreaterThanOrEqual(1);
    expect(counts.filter((s) => s.labels.route.includes(id))).toEqual([]);
    // An unknown path is one series, not one per path.
    expect((await api.get(`/no-such-path/${id}`, { key: storefront })).status).toBe(404);
    const after = find(await scrape(scrapeUrls().gateway), 'http_request_duration_seconds_count');
    expect(after.filter((s) => s.labels.route.includes('no-such-path'))).toEqual([]);
    // (Other suites running meanwhile — the fuzz test — send unknown paths with other methods.)
    expect(after.filter((s) => s.labels.route === 'unmatched' && s.labels.method === 'GET' && s.labels.status_code === '404').length).toBe(
      1,
    );
  });

  it('reports each service’s outbox backlog, its consumer groups’ lag and webhook delivery backlog', async () => {
    const all = await scrapeAll();
    for (const service of ['catalog', 'orders', 'traceability', 'settlement', 'notifications']) {
      const e = all.get(service)!;
      expect({ service, unsent: find(e, 'outbox_unsent_events', { service }).length }).toEqual({ service, unsent: 1 });
      expect(find(e, 'outbox_oldest_unsent_age_seconds', { service })[0].value).toBeGreaterThanOrEqual(0);
    }
    const lag = find(all.get('orders')!, 'kafka_consumer_group_lag', { group: 'orders.events' });
    expect(lag.length).toBeGreaterThan(0);
    for (const s of lag) expect(s.value).toBeGreaterThanOrEqual(0);
    expect(find(all.get('notifications')!, 'webhook_deliveries_due')).toEqual([expect.objectContaining({ value: expect.any(Number) })]);
    expect(find(all.get('notifications')!, 'webhook_oldest_due_age_seconds')).toHaveLength(1);
  });

  it('counts a message parked in a DLQ and shows the DLQ’s depth', async () => {
    const producer = testKafka('metrics-test').producer();
    await producer.connect();
    // A well-formed envelope of a type no service knows: dead-lettered at once (`unknown_type`), and
    // harmless to the other tests that read this topic from its beginning.
    const id = uuidv7();
    const envelope = {
      specversion: '1.0',
      id,
      source: '/test/metrics',
      type: 'test.metrics.probed.v1',
      subject: `metrics-${id}`,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: {},
    };
    await producer.send({ topic: Topics.catalogEvents, messages: [{ key: envelope.subject, value: JSON.stringify(envelope) }] });
    await producer.disconnect();
    const dlq = `${Topics.catalogEvents}.dlq`;
    await eventually(
      async () => {
        const all = await scrapeAll();
        const parked = [...all.values()].flatMap((e) =>
          find(e, 'events_dead_lettered_total', { topic: Topics.catalogEvents, reason: 'unknown_type' }),
        );
        const depth = [...all.values()].flatMap((e) => find(e, 'kafka_dlq_messages', { topic: dlq }));
        return parked.some((s) => s.value >= 1) && depth.some((s) => s.value >= 1);
      },
      30000,
      `the unknown event counted and ${dlq} deeper than 0`,
    );
  });

  it('the Grafana dashboard queries only metrics the running processes export', async () => {
    const dashboard = JSON.parse(readFileSync(join(__dirname, '../../deploy/grafana/nongsan.json'), 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    const exported = new Set<string>();
    for (const e of (await scrapeAll()).values()) for (const n of exportedNames(e.types)) exported.add(n);
    const queried = dashboard.panels.flatMap((p) =>
      (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr, names: metricNamesOf(t.expr) })),
    );
    expect(queried.length).toBeGreaterThanOrEqual(15);
    expect(queried.filter((q) => q.names.length === 0)).toEqual([]);
    const unknown = queried.flatMap((q) => q.names.filter((n) => !exported.has(n)).map((n) => `${q.panel}: ${n}`));
    expect(unknown).toEqual([]);
    const all = new Set(queried.flatMap((q) => q.names));
    for (const wanted of [
      'http_request_duration_seconds_count',
      'outbox_unsent_events',
      'outbox_oldest_unsent_age_seconds',
      'kafka_consumer_group_lag',
      'kafka_dlq_messages',
      'events_dead_lettered_total',
      'webhook_delivery_lag_seconds_bucket',
      'webhook_deliveries_failed_total',
    ]) {
      expect({ wanted, queried: all.has(wanted) }).toEqual({ wanted, queried: true });
    }
  });

  it('reads metric names out of PromQL as the dashboard check needs', () => {
    expect(
      metricNamesOf('sum by (route) (rate(a_total{status_code=~"5.."}[5m])) / sum by (route) (rate(b_count[5m])) > bool 0.01'),
    ).toEqual(['a_total', 'b_count']);
    expect(metricNamesOf('histogram_quantile(0.95, sum by (le, route) (rate(x_seconds_bucket[5m])))')).toEqual(['x_seconds_bucket']);
    expect(metricNamesOf('max(webhook_deliveries_due)')).toEqual(['webhook_deliveries_due']);
  });
});
