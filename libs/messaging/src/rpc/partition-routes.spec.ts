import { PartitionRoutes } from './partition-routes';
import { replyPartitionOf } from './reply-partition';

describe('PartitionRoutes', () => {
  let now = 1_000_000;
  const routes = () => new PartitionRoutes(3, 5000, () => now);

  it('sends requests to the partitions in turn', () => {
    const r = routes();
    expect([r.pick('orders.rpc'), r.pick('orders.rpc'), r.pick('orders.rpc'), r.pick('orders.rpc')]).toEqual([0, 1, 2, 0]);
    expect(r.pick('catalog.rpc')).toBe(0);
  });

  it('copies a request away from a partition that went silent while another answered, and avoids it for a while', () => {
    const r = routes();
    const sentAt = now;
    now += 400;
    r.replied('orders.rpc', 1);
    now += 600;
    expect(r.reroute('orders.rpc', 0, sentAt)).toBe(1);
    expect([r.pick('orders.rpc'), r.pick('orders.rpc'), r.pick('orders.rpc')]).toEqual([1, 2, 1]);
    now += 5001;
    expect([r.pick('orders.rpc'), r.pick('orders.rpc'), r.pick('orders.rpc')]).toEqual([2, 0, 1]);
  });

  it('copies nothing when the partition answered since (a slow request), or when every partition has requests waiting (a slow service)', () => {
    const r = routes();
    const sentAt = now;
    for (const p of [0, 1, 2]) r.sent('orders.rpc', p, `w${p}`, sentAt - 10);
    now += 1000;
    expect(r.reroute('orders.rpc', 0, sentAt)).toBeUndefined();
    r.replied('orders.rpc', 0);
    expect(r.reroute('orders.rpc', 0, sentAt)).toBeUndefined();
  });

  it('with few requests in flight, tries a partition that has nothing waiting on it', () => {
    const r = routes();
    const sentAt = now;
    r.sent('orders.rpc', 0, 'a', sentAt);
    r.sent('orders.rpc', 1, 'b', sentAt);
    now += 1000;
    // 1 is stuck like 0 (the same dead instance, say); 2 has nothing waiting: it is tried.
    expect(r.reroute('orders.rpc', 0, sentAt)).toBe(2);
    r.settled('orders.rpc', 1, 'b');
    expect(r.reroute('orders.rpc', 1, sentAt)).toBe(2);
  });

  it('takes a partition back as soon as it answers', () => {
    const r = routes();
    const sentAt = now;
    now += 10;
    r.replied('orders.rpc', 2);
    expect(r.reroute('orders.rpc', 1, sentAt)).toBe(2);
    r.replied('orders.rpc', 1);
    expect([r.pick('orders.rpc'), r.pick('orders.rpc')]).toEqual([0, 1]);
  });
});

it('never goes past the partitions a topic has (created before with fewer than configured)', () => {
  const r = new PartitionRoutes(6, 5000, () => 2000);
  r.learn('orders.rpc', 2);
  expect([r.pick('orders.rpc'), r.pick('orders.rpc'), r.pick('orders.rpc')]).toEqual([0, 1, 0]);
  expect(r.pick('catalog.rpc')).toBe(0);
  r.sent('orders.rpc', 0, 'a', 1000);
  // Only partition 1 besides the stuck 0: never 2–5, which this topic does not have.
  expect(r.reroute('orders.rpc', 0, 1000)).toBe(1);
});

describe('replyPartitionOf', () => {
  it('is stable per instance name and within the topic', () => {
    expect(replyPartitionOf('gateway-2', 6)).toBe(replyPartitionOf('gateway-2', 6));
    const spread = new Set(['gateway', 'gateway-2', 'gateway-3', 'gateway-4', 'gateway-5', 'gateway-6'].map((n) => replyPartitionOf(n, 6)));
    expect(spread.size).toBeGreaterThan(1);
    for (const p of spread) expect(p).toBeGreaterThanOrEqual(0);
    expect(Math.max(...spread)).toBeLessThan(6);
  });
});
