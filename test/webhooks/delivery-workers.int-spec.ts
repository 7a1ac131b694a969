import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { withMessagingTables } from '@app/messaging';
import { newWebhookSecret, SecretBox } from '../../apps/notifications/src/endpoints/secret-box';
import { NOTIFICATIONS_ENTITIES, NOTIFICATIONS_MIGRATIONS } from '../../apps/notifications/src/notifications.module';
import { eventually, migratedDataSource, runId } from '../support/infra';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';

/**
 * The delivery workers as separate processes (from dist/, like the cluster's) on a database of
 * their own, with nothing else running: a worker SIGKILLed while its requests hang loses nothing
 * (a restarted one sends them again, with the same webhook-id), and two workers on one database
 * never send the same attempt twice. The processes use the in-process transport: only their
 * delivery workers matter here, and they must not join the shared cluster's consumer groups.
 */
jest.setTimeout(180000);

const MAIN = path.resolve(__dirname, '../../dist/apps/notifications/src/main.js');

async function database(name: string): Promise<DataSource> {
  return migratedDataSource(`${name}_notifications`, {
    ...withMessagingTables({ entities: NOTIFICATIONS_ENTITIES, migrations: NOTIFICATIONS_MIGRATIONS }),
    poolSize: 2,
  });
}

/** An endpoint of a storefront with a known secret, sealed with the development key the workers use. */
async function endpoint(ds: DataSource, url: string): Promise<{ id: string; secret: string }> {
  const id = uuidv7();
  const secret = newWebhookSecret();
  await ds.query(
    `INSERT INTO webhook_endpoints (id, owner_role, owner_id, url, event_types, status, secret_enc) VALUES ($1, 'storefront', 'sf-1', $2, $3, 'enabled', $4)`,
    [id, url, ['order.created'], new SecretBox('').seal(secret)],
  );
  return { id, secret };
}

/** `n` stored events, each with a pending delivery to each endpoint, due now. */
async function events(ds: DataSource, endpointIds: string[], n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = uuidv7();
    ids.push(id);
    const body = {
      id,
      type: 'order.created',
      timestamp: new Date().toISOString(),
      data: { orderId: uuidv7(), status: 'pending', sequence: 1 },
    };
    await ds.query(
      `INSERT INTO public_events (id, owner_role, owner_id, type, source_event_id, body, position) VALUES ($1, 'storefront', 'sf-1', 'order.created', $2, $3, $4)`,
      [id, id, JSON.stringify(body), i + 1],
    );
    for (const e of endpointIds) {
      await ds.query(
        `INSERT INTO deliveries (id, event_id, endpoint_id, status, attempts, next_attempt_at) VALUES ($1, $2, $3, 'pending', 0, now())`,
        [uuidv7(), id, e],
      );
    }
  }
  return ids;
}

function worker(name: string, extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      TRANSPORT: 'in-process',
      HEALTH_PORT: '0',
      DB_NAME_PREFIX: `${runId()}_${name}`,
      SERVICE_INSTANCE: `${name}-${uuidv7().slice(-4)}`,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_TIMEOUT_MS: '3000',
      WEBHOOK_RETRY_SCHEDULE_MS: '300,300,300',
      WEBHOOK_POLL_MS: '100',
      // The PostgreSQL server is shared with the suite's cluster (and its max_connections).
      DB_POOL_SIZE: '3',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

const exited = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

describe('delivery workers', () => {
  const children: ChildProcess[] = [];
  const receivers: WebhookReceiver[] = [];
  const dataSources: DataSource[] = [];

  afterAll(async () => {
    for (const c of children) {
      c.kill('SIGKILL');
      await exited(c);
    }
    await Promise.all(receivers.map((r) => r.stop()));
    await Promise.all(dataSources.map((d) => d.destroy()));
  });

  it('a worker killed mid-delivery loses nothing: after a restart every event arrives, a repeat carrying the same webhook-id', async () => {
    const ds = await database('killed');
    dataSources.push(ds);
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    // The first two requests never get an answer: the worker dies while waiting for them.
    r.respond = (_, n) => (n <= 2 ? { hang: true } : { status: 200 });
    const ep = await endpoint(ds, r.url);
    const ids = await events(ds, [ep.id], 6);

    const first = worker('killed');
    children.push(first);
    await eventually(async () => r.received.length >= 2, 60000, 'two requests in flight');
    first.kill('SIGKILL');
    await exited(first);
    const hung = r.received.slice(0, 2).map((x) => x.id);

    children.push(worker('killed'));
    const answered = () => new Set(r.received.slice(2).map((x) => x.id));
    await eventually(async () => ids.every((id) => answered().has(id)), 60000, 'every event answered after the restart');
    for (const x of r.received) expect(verifyStandardWebhook(ep.secret, x)).toBe(true);
    // Sent twice at most, and only what was in flight when the worker died.
    const counts = new Map<string, number>();
    for (const x of r.received) counts.set(x.id, (counts.get(x.id) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 2)).toEqual([]);
    for (const id of hung) expect(counts.get(id)).toBe(2);
    await eventually(
      async () => {
        const rows = await ds.query<{ status: string; n: string }[]>(`SELECT status, count(*) AS n FROM deliveries GROUP BY status`);
        return rows.length === 1 && rows[0].status === 'succeeded' && Number(rows[0].n) === 6;
      },
      10000,
      'all deliveries succeeded',
    );
  });

  it('two workers on one database send each delivery exactly once', async () => {
    const ds = await database('pair');
    dataSources.push(ds);
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    r.respond = () => ({ status: 200, delayMs: 5 });
    const endpoints = [await endpoint(ds, `${r.url}/a`), await endpoint(ds, `${r.url}/b`), await endpoint(ds, `${r.url}/c`)];
    const ids = await events(
      ds,
      endpoints.map((e) => e.id),
      80,
    );
    children.push(worker('pair'), worker('pair'));
    await eventually(async () => r.received.length >= ids.length * endpoints.length, 90000, 'every delivery');
    await new Promise((res) => setTimeout(res, 1500));
    const seen = new Map<string, number>();
    for (const x of r.received) {
      const key = `${x.id} ${x.path}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect(r.received).toHaveLength(ids.length * endpoints.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // Each attempt is logged after its answer came: on a loaded machine the last ones a moment later.
    const logged = async () => Number((await ds.query<{ n: string }[]>(`SELECT count(*) AS n FROM delivery_attempts`))[0].n);
    await eventually(async () => (await logged()) >= ids.length * endpoints.length, 20000, 'every attempt logged').catch(() => undefined);
    expect(await logged()).toBe(ids.length * endpoints.length);
  });

  it('disables an endpoint whose every attempt failed for WEBHOOK_DISABLE_AFTER_MS (3 days in production), and fails what it still had queued', async () => {
    const ds = await database('failing');
    dataSources.push(ds);
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    r.respond = () => ({ status: 500, body: 'down' });
    const ep = await endpoint(ds, r.url);
    await events(ds, [ep.id], 3);
    children.push(worker('failing', { WEBHOOK_DISABLE_AFTER_MS: '2000', WEBHOOK_RETRY_SCHEDULE_MS: Array(40).fill('250').join(',') }));
    const disabled = await eventually(
      async () => {
        const rows = await ds.query<{ status: string; disabled_reason: string | null }[]>(
          `SELECT status, disabled_reason FROM webhook_endpoints WHERE id = $1`,
          [ep.id],
        );
        return rows[0].status === 'disabled' ? rows[0] : undefined;
      },
      60000,
      'the endpoint disabled',
    );
    expect(disabled.disabled_reason).toBe('failing');
    // Retried for about 2 s before that, then nothing more is sent.
    expect(r.received.length).toBeGreaterThan(3);
    await new Promise((res) => setTimeout(res, 500)); // requests already in flight when it was disabled
    const sent = r.received.length;
    const rows = await ds.query<{ status: string }[]>(`SELECT DISTINCT status FROM deliveries`);
    expect(rows.map((x) => x.status)).toEqual(['failed']);
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.received.length).toBe(sent);
  });
});
