import type { ChildProcess } from 'node:child_process';
import { AssignerProtocol } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RemittanceReconciledV1, Topics } from '@app/contracts';
import { newEvent, withMessagingTables } from '@app/messaging';
import { newWebhookSecret, SecretBox } from '../../apps/notifications/src/endpoints/secret-box';
import { NOTIFICATIONS_ENTITIES, NOTIFICATIONS_MIGRATIONS } from '../../apps/notifications/src/notifications.module';
import { spawnApp, stopped, whenReady } from '../support/app-process';
import { eventually, migratedDataSource, runId, testKafka } from '../support/infra';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';

/**
 * Two full notifications processes (from dist/, as the cluster runs them) on one database and in
 * one consumer group on the real broker: a burst of domain events produced onto settlement.events
 * is projected once (the group splits the partitions) and each (event, endpoint) gets exactly one
 * first attempt, a retry included (claimed with SKIP LOCKED by one process only).
 *
 * Beside the suite's shared cluster they must not take its partitions nor answer its gateway: they
 * get a consumer group of their own (KAFKA_GROUP_PREFIX) and serve no requests (RPC_SERVER=false);
 * their endpoints are written into their database as the endpoints API would. The events are
 * `remittance.reconciled` of a carrier code of this test: only notifications consumes that type, so
 * the shared cluster's other services see nothing of the burst.
 */
jest.setTimeout(240000);

const EVENTS = 60;
/** Health/metrics ports of the two processes: after the cluster's (E2E_GATEWAY_PORT + 1…5, extras from + 6). */
const healthPort = (i: number) => Number(process.env.E2E_GATEWAY_PORT ?? 29000) + 21 + i;

const ready = (i: number, child: ChildProcess) => whenReady(child, healthPort(i), `notifications instance ${i}`);

/** Sum of a counter's samples in a process's /metrics. */
async function counterOf(i: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${healthPort(i)}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .reduce((t, l) => t + Number(l.split(' ').pop()), 0);
}

describe('two notifications instances in one consumer group', () => {
  const children: ChildProcess[] = [];
  let receiver: WebhookReceiver;
  let ds: DataSource;

  afterAll(async () => {
    for (const c of children) await stopped(c, 'SIGTERM');
    await receiver?.stop();
    await ds?.destroy();
  });

  it('project a burst once and send each (event, endpoint) exactly one first attempt, and each retry once', async () => {
    const name = 'pair_group';
    const groupPrefix = `${runId()}-pair-`;
    const carrierCode = `PAIR${uuidv7().replace(/-/g, '').slice(-8).toUpperCase()}`;
    const instance = (i: number) => {
      const child = spawnApp('notifications', {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        TRANSPORT: 'kafka',
        KAFKA_BROKERS: process.env.KAFKA_BROKERS,
        KAFKA_GROUP_PREFIX: groupPrefix,
        RPC_SERVER: 'false',
        HEALTH_PORT: String(healthPort(i)),
        DB_NAME_PREFIX: `${runId()}_${name}`,
        SERVICE_INSTANCE: `pair-${i}`,
        WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
        WEBHOOK_TIMEOUT_MS: '5000',
        WEBHOOK_RETRY_SCHEDULE_MS: '300,300,300',
        WEBHOOK_POLL_MS: '100',
        OUTBOX_POLL_MS: '200',
        // The PostgreSQL server is shared with the suite's cluster (and its max_connections).
        DB_POOL_SIZE: '2',
      });
      children.push(child);
      return child;
    };
    // One after the other: the first creates and migrates the database.
    await ready(0, instance(0));
    await ready(1, instance(1));
    ds = await migratedDataSource(`${name}_notifications`, {
      ...withMessagingTables({ entities: NOTIFICATIONS_ENTITIES, migrations: NOTIFICATIONS_MIGRATIONS }),
      poolSize: 2,
    });

    // Both processes are members of the one group, each holding some of settlement.events' partitions.
    const kafka = testKafka('pair-test');
    const admin = kafka.admin();
    await admin.connect();
    const members = await eventually(
      async () => {
        const { groups } = await admin.describeGroups([`${groupPrefix}notifications.events`]);
        const g = groups[0];
        if (g.state !== 'Stable' || g.members.length !== 2) return undefined;
        return g.members.map(
          (m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)!.assignment[Topics.settlementEvents] ?? [],
        );
      },
      60000,
      'a stable group of two members',
    );
    await admin.disconnect();
    expect(members.map((parts) => parts.length > 0)).toEqual([true, true]);
    expect(new Set(members.flat()).size).toBe(members.flat().length);

    // Three endpoints of the carrier on one loopback receiver; /c fails each event's first attempt.
    receiver = await new WebhookReceiver().start();
    const seenAtC = new Set<string>();
    receiver.respond = (x) => {
      if (x.path.endsWith('/c') && !seenAtC.has(x.id)) {
        seenAtC.add(x.id);
        return { status: 500, delayMs: 20 };
      }
      return { status: 200, delayMs: 20 };
    };
    const box = new SecretBox('');
    const endpoints: { id: string; path: string; secret: string }[] = [];
    for (const p of ['a', 'b', 'c']) {
      const e = { id: uuidv7(), path: `/hooks/${p}`, secret: newWebhookSecret() };
      await ds.query(
        `INSERT INTO webhook_endpoints (id, owner_role, owner_id, url, event_types, status, secret_enc) VALUES ($1, 'carrier', $2, $3, $4, 'enabled', $5)`,
        [e.id, carrierCode, `${receiver.url}/${p}`, ['remittance.reconciled'], box.seal(e.secret)],
      );
      endpoints.push(e);
    }

    // The burst: one message each, keyed by remittance id (spread over the partitions), at once.
    const producer = kafka.producer();
    await producer.connect();
    const remittanceIds = Array.from({ length: EVENTS }, () => uuidv7());
    await producer.send({
      topic: Topics.settlementEvents,
      messages: remittanceIds.map((id, i) => ({
        key: id,
        value: JSON.stringify(
          newEvent(
            RemittanceReconciledV1,
            id,
            {
              remittanceId: id,
              carrierCode,
              batchId: `B-${i}`,
              totalTransferredVnd: 1_000_000 + i,
              outcomes: {} as never,
              reconciledAt: new Date().toISOString(),
            },
            '/test/settlement',
          ),
        ),
      })),
    });
    await producer.disconnect();

    const expected = EVENTS * 4; // a, b once; c twice
    await eventually(async () => receiver.received.length >= expected, 120000, `${expected} requests at the receiver`);
    // Each outcome is recorded after its answer came (on a loaded machine, a moment later).
    await eventually(
      async () => {
        const [{ n }] = await ds.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM deliveries d JOIN public_events p ON p.id = d.event_id WHERE p.owner_id = $1 AND d.status = 'succeeded'`,
          [carrierCode],
        );
        return Number(n) >= EVENTS * 3;
      },
      30000,
      'every delivery recorded',
    ).catch(() => undefined);
    // Anything sent twice would arrive within this.
    await new Promise((r) => setTimeout(r, 2000));

    // Projected once: one public event per domain event, each delivered to each endpoint.
    const stored = await ds.query<{ id: string; remittance_id: string }[]>(
      `SELECT id, body->'data'->>'remittanceId' AS remittance_id FROM public_events WHERE owner_role = 'carrier' AND owner_id = $1`,
      [carrierCode],
    );
    expect(stored.map((s) => s.remittance_id).sort()).toEqual([...remittanceIds].sort());
    const requests = new Map<string, number>();
    for (const x of receiver.received) requests.set(`${x.path} ${x.id}`, (requests.get(`${x.path} ${x.id}`) ?? 0) + 1);
    const want = new Map<string, number>();
    for (const e of endpoints) for (const s of stored) want.set(`${e.path} ${s.id}`, e.path.endsWith('/c') ? 2 : 1);
    expect([...requests].sort()).toEqual([...want].sort());
    expect(receiver.received).toHaveLength(expected);
    for (const x of receiver.received) {
      expect(verifyStandardWebhook(endpoints.find((e) => e.path === x.path)!.secret, x)).toBe(true);
    }

    // The delivery log: one row per attempt, attempt numbers unique per delivery; /c's first failed
    // with a retry scheduled, its second succeeded; every delivery succeeded.
    const attempts = await ds.query<{ endpoint_id: string; event_id: string; attempt: number; status: string; retry: boolean }[]>(
      `SELECT a.endpoint_id, a.event_id, a.attempt, a.status, a.next_attempt_at IS NOT NULL AS retry
         FROM delivery_attempts a JOIN public_events p ON p.id = a.event_id WHERE p.owner_id = $1`,
      [carrierCode],
    );
    const byDelivery = new Map<string, string[]>();
    for (const a of attempts) {
      const k = `${a.endpoint_id} ${a.event_id}`;
      byDelivery.set(k, [...(byDelivery.get(k) ?? []), `${a.attempt}:${a.status}${a.retry ? ':retry' : ''}`].sort());
    }
    expect(byDelivery.size).toBe(EVENTS * 3);
    for (const e of endpoints) {
      const shapes = new Set(stored.map((s) => JSON.stringify(byDelivery.get(`${e.id} ${s.id}`))));
      expect({ endpoint: e.path, shapes: [...shapes] }).toEqual({
        endpoint: e.path,
        shapes: [JSON.stringify(e.path.endsWith('/c') ? ['1:failed:retry', '2:succeeded'] : ['1:succeeded'])],
      });
    }
    const states = await ds.query<{ status: string; n: string }[]>(
      `SELECT d.status, count(*) AS n FROM deliveries d JOIN public_events p ON p.id = d.event_id WHERE p.owner_id = $1 GROUP BY d.status`,
      [carrierCode],
    );
    expect(states.map((s) => [s.status, Number(s.n)])).toEqual([['succeeded', EVENTS * 3]]);

    // Both processes sent some of them (their own counters), and together exactly the requests received.
    const sent = [await counterOf(0, 'webhook_attempts_total'), await counterOf(1, 'webhook_attempts_total')];
    expect(sent.map((n) => n > 0)).toEqual([true, true]);
    expect(sent[0] + sent[1]).toBe(expected);
  });
});
