import { WindowCounterStorage } from './window-counter.storage';

describe('WindowCounterStorage', () => {
  let t = 0;
  let storage: WindowCounterStorage;
  const hit = (key = 'k', limit = 5, ttl = 60_000, block = 60_000) => storage.increment(key, ttl, limit, block, 'default');

  beforeEach(() => {
    t = 1_000_000;
    storage = new WindowCounterStorage(() => t);
  });
  afterEach(() => storage.onApplicationShutdown());

  it('allows the limit, then blocks for the block duration with the seconds left', async () => {
    const seen = [];
    for (let i = 0; i < 7; i++) seen.push(await hit());
    expect(seen.map((r) => r.isBlocked)).toEqual([false, false, false, false, false, true, true]);
    expect(seen.map((r) => r.totalHits).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[5].timeToBlockExpire).toBe(60);
    t += 30_000;
    expect((await hit()).timeToBlockExpire).toBe(30);
    t += 30_000;
    expect((await hit()).isBlocked).toBe(false);
  });

  it('keeps keys and throttler names apart', async () => {
    for (let i = 0; i < 5; i++) await hit('a');
    expect((await hit('a')).isBlocked).toBe(true);
    expect((await hit('b')).isBlocked).toBe(false);
    expect((await storage.increment('a', 60_000, 5, 60_000, 'burst')).isBlocked).toBe(false);
  });

  it('weighs the previous window by how much of it the sliding window still covers', async () => {
    for (let i = 0; i < 10; i++) await hit('k', 10, 60_000, 1);
    t += 60_000 + 45_000; // a quarter of the previous window still counts: 2.5 of its 10
    const allowed = [];
    for (let i = 0; i < 10; i++) allowed.push(!(await hit('k', 10, 60_000, 1)).isBlocked);
    expect(allowed.filter(Boolean)).toHaveLength(7);
  });

  it('starts afresh after a whole idle window and forgets idle keys on sweep', async () => {
    for (let i = 0; i < 5; i++) await hit();
    t += 120_000;
    expect((await hit()).totalHits).toBe(1);
    t += 120_000;
    storage.sweep();
    expect(storage.size).toBe(0);
  });

  it('counts a request in O(1): 100,000 hits of one key take no time to speak of', async () => {
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) await hit('busy', 1_000_000);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await hit('busy', 1_000_000)).totalHits).toBe(100_001);
  });
});
