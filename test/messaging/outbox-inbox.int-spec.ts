import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { deadLetterTopic, defineEvent, registerEvents, type CloudEvent } from '@app/contracts';
import {
  EventDispatcher,
  Inbox,
  InboxRecord,
  KafkaEventTransport,
  MessagingTables1763856000000,
  Outbox,
  OutboxMessage,
  OutboxRelay,
  createKafka,
  event,
  type EventHandlerBinding,
  type Subscription,
} from '@app/messaging';
import { createTopics, eventually, migratedDataSource, readTopic, runId, testKafka, uniqueName } from '../support/infra';

/**
 * The event backbone on a real broker and a real database: the outbox never publishes what was
 * rolled back and never loses what was committed, even when the relay dies between publishing and
 * marking; the inbox applies a redelivered event once; failures and garbage end in the DLQ while
 * the consumer carries on.
 */
describe('outbox, inbox and DLQ on Kafka and PostgreSQL', () => {
  const topic = `test.probe.${runId()}`;
  const Probe = defineEvent<{ n: number }>('test.probe.happened.v1', topic);
  registerEvents(Probe);

  let ds: DataSource;
  let kafka: Kafka;
  let transport: KafkaEventTransport;
  const outbox = new Outbox('/nongsan/test');

  beforeAll(async () => {
    ds = await migratedDataSource('messaging', { entities: [OutboxMessage, InboxRecord], migrations: [MessagingTables1763856000000] });
    await ds.query('CREATE TABLE probe_effects (id serial PRIMARY KEY, event_id uuid NOT NULL, n bigint NOT NULL)');
    kafka = testKafka();
    await createTopics(kafka, [topic, deadLetterTopic(topic)]);
    transport = new KafkaEventTransport(createKafka('outbox-test', process.env.KAFKA_BROKERS!));
  });

  afterAll(async () => {
    await transport.close();
    await ds.destroy();
  });

  beforeEach(async () => {
    await ds.query('TRUNCATE outbox, inbox, probe_effects');
  });

  const unsent = async () => Number((await ds.query<[{ c: string }]>('SELECT count(*) AS c FROM outbox WHERE published_at IS NULL'))[0].c);
  const effects = async () => ds.query<{ event_id: string; n: number }[]>('SELECT event_id, n::float8 AS n FROM probe_effects ORDER BY id');
  const valuesOf = (ms: { value: Buffer | null }[]) =>
    ms.map((m) => JSON.parse(m.value!.toString()) as { id: string; data: { n: number } });

  it('publishes a committed event and never one whose transaction rolled back', async () => {
    const marker = Date.now();
    await expect(
      ds.transaction(async (m) => {
        await outbox.add(m, event(Probe, 'agg-rolled-back', { n: -marker }));
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    await ds.transaction((m) => outbox.add(m, event(Probe, 'agg-committed', { n: marker })));

    const relay = new OutboxRelay(ds, transport, { service: 'test', pollMs: 50 });
    expect(await relay.drainOnce()).toBe(1);
    expect(await unsent()).toBe(0);

    const ns = valuesOf(await readTopic(kafka, topic, 1)).map((v) => v.data.n);
    expect(ns).toContain(marker);
    expect(ns).not.toContain(-marker);
  });

  it('publishes again after the relay is killed between publish and mark, and the inbox applies the effect once', async () => {
    const n = Date.now();
    const [sent] = await ds.transaction((m) => outbox.add(m, event(Probe, 'agg-crash', { n })));
    const dbUrl = (ds.options as { url: string }).url;

    const child = spawn(process.execPath, [path.join(__dirname, '../fixtures/crashing-relay.js'), dbUrl, process.env.KAFKA_BROKERS!], {
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect({ signal, errors: stderr.split('\n').filter((l) => /error/i.test(l)) }).toEqual({ signal: 'SIGKILL', errors: [] });
    expect(await unsent()).toBe(1); // Kafka has it, the row does not say so

    // The killed relay's database session lingers until PostgreSQL notices the dead socket, and
    // with it the relay lock; a new relay takes over as soon as it is gone.
    const relay = new OutboxRelay(ds, transport, { service: 'test', pollMs: 50 });
    let published = 0;
    await eventually(async () => (published += await relay.drainOnce()) >= 1, 15000, 'a new relay to take over');
    expect(published).toBe(1);
    expect(await unsent()).toBe(0);

    const copies = valuesOf(await readTopic(kafka, topic, 2)).filter((v) => v.id === sent.id);
    expect(copies).toHaveLength(2); // at-least-once: the duplicate is real

    const binding: EventHandlerBinding = {
      consumer: 'test:ProbeEffect.apply',
      type: Probe.type,
      handle: async (e, manager) => {
        await manager.query('INSERT INTO probe_effects (event_id, n) VALUES ($1, $2)', [e.id, (e.data as { n: number }).n]);
      },
    };
    const dispatcher = new EventDispatcher(new Inbox(ds), transport, [binding], {
      service: 'test',
      groupId: 'g',
      maxAttempts: 3,
      retryBaseMs: 10,
    });
    const sub = await transport.subscribe({
      groupId: uniqueName('effects'),
      topics: [topic],
      handle: (rs, hb) => dispatcher.handleBatch(rs, hb),
    });
    try {
      await eventually(async () => (await effects()).some((e) => e.event_id === sent.id), 20000, 'the effect');
      await new Promise((r) => setTimeout(r, 1500)); // let the duplicate arrive too
      expect((await effects()).filter((e) => e.event_id === sent.id)).toEqual([{ event_id: sent.id, n }]);
      const inbox = await ds.query<unknown[]>('SELECT consumer FROM inbox WHERE event_id = $1', [sent.id]);
      expect(inbox).toHaveLength(1);
    } finally {
      await sub.close();
    }
  });

  it('applies a backlog in batches: each event once, in order, duplicates absorbed, few transactions', async () => {
    await ds.query('CREATE TABLE IF NOT EXISTS probe_batch (id serial PRIMARY KEY, n bigint NOT NULL, tx bigint NOT NULL)');
    // Negative numbers: the other tests' consumers (reading this topic from the beginning) skip them.
    const base = -1_000_000;
    const count = 300;
    const envelopes = await ds.transaction((m) =>
      outbox.add(m, ...Array.from({ length: count }, (_, i) => event(Probe, `agg-burst-${base}`, { n: base + i }))),
    );
    const records = envelopes.map((e) => ({ topic, key: e.subject, value: JSON.stringify(e), headers: { ce_id: e.id } }));
    // Every event twice, as after a relay crash: the second copies interleave with the first.
    await transport.publish(records.flatMap((r, i) => (i % 2 === 0 ? [r, r] : [r])));
    await transport.publish(records.filter((_, i) => i % 2 === 1));
    const groupId = uniqueName('burst');
    const dispatcher = new EventDispatcher(
      new Inbox(ds),
      transport,
      [
        {
          consumer: `test:${groupId}`,
          type: Probe.type,
          handle: async (e, manager) => {
            const { n } = e.data as { n: number };
            if (n >= 0) return;
            await manager.query('INSERT INTO probe_batch (n, tx) VALUES ($1, txid_current())', [n]);
          },
        },
      ],
      { service: 'test', groupId, maxAttempts: 3, retryBaseMs: 10 },
    );
    const sub = await transport.subscribe({ groupId, topics: [topic], handle: (rs, hb) => dispatcher.handleBatch(rs, hb) });
    try {
      const applied = async () => ds.query<{ n: string; tx: string }[]>('SELECT n, tx FROM probe_batch ORDER BY id');
      await eventually(async () => (await applied()).length >= count, 30000, 'every event of the burst');
      await new Promise((r) => setTimeout(r, 1000)); // the trailing duplicates
      const rows = await applied();
      expect(rows.map((r) => Number(r.n) - base)).toEqual(Array.from({ length: count }, (_, i) => i));
      const transactions = new Set(rows.map((r) => r.tx)).size;
      expect(transactions).toBeLessThan(count / 10);
    } finally {
      await sub.close();
    }
  });

  it('hands a batch handler runs of consecutive new events, in order, each once', async () => {
    const base = -2_000_000; // negative: the other tests' consumers skip them
    const count = 120;
    const envelopes = await ds.transaction((m) =>
      outbox.add(m, ...Array.from({ length: count }, (_, i) => event(Probe, `agg-run-${i % 7}`, { n: base + i }))),
    );
    await transport.publish(envelopes.map((e) => ({ topic, key: 'one-partition', value: JSON.stringify(e), headers: { ce_id: e.id } })));
    const runs: number[][] = [];
    const groupId = uniqueName('runs');
    const many = (events: CloudEvent[]) => {
      const ns = events.map((e) => (e.data as { n: number }).n).filter((n) => n >= base && n < base + count);
      if (ns.length > 0) runs.push(ns);
      return Promise.resolve();
    };
    const dispatcher = new EventDispatcher(
      new Inbox(ds),
      transport,
      [{ consumer: `test:${groupId}`, type: Probe.type, handle: (e) => many([e]), handleMany: (es) => many(es) }],
      { service: 'test', groupId, maxAttempts: 3, retryBaseMs: 10 },
    );
    const sub = await transport.subscribe({ groupId, topics: [topic], handle: (rs, hb) => dispatcher.handleBatch(rs, hb) });
    try {
      await eventually(async () => Promise.resolve(runs.flat().length >= count), 30000, 'every event in runs');
      expect(runs.flat()).toEqual(Array.from({ length: count }, (_, i) => base + i));
      expect(runs.length).toBeLessThan(count / 10);
    } finally {
      await sub.close();
    }
  });

  describe('a consumer facing failures', () => {
    let sub: Subscription | undefined;
    afterEach(async () => {
      await sub?.close();
      sub = undefined;
    });

    const consume = async (handle: EventHandlerBinding['handle']) => {
      const groupId = uniqueName('dlq');
      const dispatcher = new EventDispatcher(new Inbox(ds), transport, [{ consumer: `test:${groupId}`, type: Probe.type, handle }], {
        service: 'test',
        groupId,
        maxAttempts: 3,
        retryBaseMs: 10,
      });
      sub = await transport.subscribe({ groupId, topics: [topic], handle: (rs, hb) => dispatcher.handleBatch(rs, hb) });
    };

    it('sends a message that always fails to the DLQ with the error, after bounded retries, and goes on with the next', async () => {
      const poison = Date.now();
      const fine = poison + 1;
      let attempts = 0;
      await ds.transaction((m) => outbox.add(m, event(Probe, 'agg-poison', { n: poison }), event(Probe, 'agg-poison', { n: fine })));
      await new OutboxRelay(ds, transport, { service: 'test', pollMs: 50 }).drainOnce();
      await consume(async (e, manager) => {
        const { n } = e.data as { n: number };
        if (n < poison) return; // events of earlier tests
        if (n === poison) {
          attempts += 1;
          throw new Error(`cannot apply probe ${n}`);
        }
        await manager.query('INSERT INTO probe_effects (event_id, n) VALUES ($1, $2)', [e.id, n]);
      });
      await eventually(async () => (await effects()).some((e) => e.n === fine), 20000, 'the next event to be applied');
      expect(attempts).toBe(3);
      const dead = (await readTopic(kafka, deadLetterTopic(topic), 1, { settleMs: 500 })).filter(
        (m) => (JSON.parse(m.value!.toString()) as { data: { n: number } }).data.n === poison,
      );
      expect(dead).toHaveLength(1);
      const headers = Object.fromEntries(Object.entries(dead[0].headers!).map(([k, v]) => [k, String(v)]));
      expect(headers).toMatchObject({
        'dlq-reason': 'handler_failed',
        'dlq-error': `cannot apply probe ${poison}`,
        'dlq-attempts': '3',
        'dlq-original-topic': topic,
      });
      expect((await effects()).map((e) => e.n)).toEqual([fine]);
    });

    it('rejects malformed envelopes and unknown event types to the DLQ without stopping', async () => {
      const marker = `garbage-${Date.now()}`;
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic,
        messages: [
          { key: marker, value: 'this is not json' },
          {
            key: marker,
            value: JSON.stringify({
              specversion: '1.0',
              id: 'not-a-uuid',
              type: Probe.type,
              source: 's',
              subject: 'x',
              time: new Date().toISOString(),
              data: {},
            }),
          },
          {
            key: marker,
            value: JSON.stringify({
              specversion: '1.0',
              id: '01a20000-0000-7000-8000-000000000001',
              type: 'test.unknown.happened.v1',
              source: 's',
              subject: 'x',
              time: new Date().toISOString(),
              data: {},
            }),
          },
        ],
      });
      await producer.disconnect();
      const after = Date.now();
      await ds.transaction((m) => outbox.add(m, event(Probe, 'agg-after-garbage', { n: after })));
      await new OutboxRelay(ds, transport, { service: 'test', pollMs: 50 }).drainOnce();

      await consume(async (e, manager) => {
        const { n } = e.data as { n: number };
        if (n === after) await manager.query('INSERT INTO probe_effects (event_id, n) VALUES ($1, $2)', [e.id, n]);
      });
      await eventually(async () => (await effects()).some((e) => e.n === after), 20000, 'the valid event after the garbage');

      const dead = (await readTopic(kafka, deadLetterTopic(topic), 3, { settleMs: 500 })).filter((m) => m.key?.toString() === marker);
      const reasons = dead.map((m) => String(m.headers!['dlq-reason'])).sort();
      expect(reasons).toEqual(['malformed_envelope', 'malformed_envelope', 'unknown_type']);
      expect(dead.map((m) => String(m.headers!['dlq-error']))).toEqual(
        expect.arrayContaining([
          'malformed envelope: not JSON',
          'malformed envelope: "id" must be a UUID',
          'unknown event type test.unknown.happened.v1',
        ]),
      );
    });
  });
});
