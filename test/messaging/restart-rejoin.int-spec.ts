import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Consumer } from 'kafkajs';
import { createKafka, evictPredecessors, LOW_LATENCY_CONSUMER } from '@app/messaging';
import { createTopics, testKafka, uniqueName } from '../support/infra';

/**
 * Issue 23 on a real broker: a SIGKILLed instance never leaves its consumer groups, and the group
 * coordinator keeps its member for the whole session (30 s) — a restart's join waited that long.
 * The restarted instance (same SERVICE_INSTANCE) removes its predecessor's member as it starts and
 * joins in seconds; a live instance of another name is left alone.
 */
describe('a restarted instance rejoins its consumer group at once', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  const topic = uniqueName('test.rejoin');
  const children: ChildProcess[] = [];
  const consumers: Consumer[] = [];
  const instanceBefore = process.env.SERVICE_INSTANCE;

  beforeAll(async () => {
    await createTopics(testKafka(), [topic], 2);
  });

  afterEach(() => {
    if (instanceBefore === undefined) delete process.env.SERVICE_INSTANCE;
    else process.env.SERVICE_INSTANCE = instanceBefore;
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
  });

  /** A member in its own process, named `<base>@<instance>`, once it has joined. */
  const member = async (base: string, instance: string, group: string): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [path.join(__dirname, '../fixtures/group-member.js'), brokers, base, group, topic], {
      env: { ...process.env, SERVICE_INSTANCE: instance },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('joined') && resolve());
      child.once('exit', (code) => reject(new Error(`member exited (${code}) before joining`)));
    });
    return child;
  };

  const killed = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  const membersOf = async (group: string) => {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([group]);
      return groups[0].members.map((m) => m.clientId).sort();
    } finally {
      await admin.disconnect();
    }
  };

  /** Joins as this process under `instance`; resolves with the ms until the group assigned it partitions. */
  const joinAs = async (instance: string, group: string, evict: boolean): Promise<{ ms: number; evicted: number }> => {
    process.env.SERVICE_INSTANCE = instance;
    const kafka = createKafka('probe', brokers);
    const consumer = kafka.consumer({ groupId: group, ...LOW_LATENCY_CONSUMER });
    consumers.push(consumer);
    const t0 = Date.now();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    const evicted = evict ? await evictPredecessors(kafka, group, `probe@${instance}`) : 0;
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    await joined;
    return { ms: Date.now() - t0, evicted };
  };

  it('joins within 5 s of a SIGKILL, although the dead member’s session is 30 s', async () => {
    const group = uniqueName('rejoin');
    const other = await member('probe', 'orders-2', group);
    const dead = await member('probe', 'orders-1', group);
    expect(await membersOf(group)).toEqual(['probe@orders-1', 'probe@orders-2']);
    await killed(dead);

    const { ms, evicted } = await joinAs('orders-1', group, true);
    expect(evicted).toBe(1);
    // The other instance, alive, is still a member, beside the new run of orders-1.
    expect(await membersOf(group)).toEqual(['probe@orders-1', 'probe@orders-2']);
    expect(ms).toBeLessThan(5000);
    expect(LOW_LATENCY_CONSUMER.sessionTimeout).toBeGreaterThanOrEqual(30000);
    other.kill('SIGKILL');
  }, 60_000);

  it('removes nobody without a stable instance name, and nobody of another name', async () => {
    const group = uniqueName('rejoin-other');
    await member('probe', 'orders-7', group);
    process.env.SERVICE_INSTANCE = 'orders-8';
    expect(await evictPredecessors(testKafka(), group, 'probe@orders-8')).toBe(0);
    delete process.env.SERVICE_INSTANCE;
    expect(await evictPredecessors(testKafka(), group, 'probe@orders-7')).toBe(0);
    expect(await membersOf(group)).toEqual(['probe@orders-7']);
  }, 60_000);
});
