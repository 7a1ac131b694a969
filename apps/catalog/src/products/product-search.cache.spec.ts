import type { Page, ProductView } from '@app/contracts';
import { SearchPageCache } from './product-search.cache';

const page = (n: number): Page<ProductView> => ({ items: [], nextCursor: String(n) });
/** Lets the promise callbacks queued so far run (a refresh starts once its turn is handed to it). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('SearchPageCache', () => {
  let t = 0;
  const cache = () =>
    new SearchPageCache(
      2_000,
      3,
      () => t,
      10_000,
      () => 0,
    );
  beforeEach(() => (t = 0));

  it('serves a page until it is ttl old, then the old one while one refresh runs, then the new one', async () => {
    const c = cache();
    let resolve!: (p: Page<ProductView>) => void;
    const load = jest
      .fn<Promise<Page<ProductView>>, []>()
      .mockResolvedValueOnce(page(1))
      .mockImplementationOnce(() => new Promise((r) => (resolve = r)));
    expect(await c.get('k', load)).toEqual(page(1));
    t = 1_999;
    expect(await c.get('k', load)).toEqual(page(1));
    t = 2_000;
    expect(await c.get('k', load)).toEqual(page(1)); // stale, answered at once; a refresh started
    expect(await c.get('k', load)).toEqual(page(1)); // still that one refresh
    expect(load).toHaveBeenCalledTimes(2);
    resolve(page(2));
    await Promise.resolve();
    expect(await c.get('k', load)).toEqual(page(2));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('refreshes stale pages one at a time, and skips a waiting refresh whose page was cleared', async () => {
    const c = cache();
    for (const k of ['a', 'b', 'c']) await c.get(k, () => Promise.resolve(page(1)));
    t = 2_000;
    const resolvers: ((p: Page<ProductView>) => void)[] = [];
    const load = jest.fn(() => new Promise<Page<ProductView>>((r) => resolvers.push(r)));
    for (const k of ['a', 'b']) expect(await c.get(k, load)).toEqual(page(1)); // both stale: answered at once
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1); // b's refresh waits for a's
    resolvers[0](page(2));
    await settle();
    expect(load).toHaveBeenCalledTimes(2);
    expect(await c.get('a', load)).toEqual(page(2));
    expect(await c.get('c', load)).toEqual(page(1)); // c's refresh queued behind b's
    c.clear();
    resolvers[1](page(2));
    await settle();
    expect(load).toHaveBeenCalledTimes(2); // c was cleared while it waited: not loaded
  });

  it('starts the next refresh once the running one is older than the stale time', async () => {
    jest.useFakeTimers();
    try {
      const c = cache();
      await c.get('a', () => Promise.resolve(page(1)));
      await c.get('b', () => Promise.resolve(page(1)));
      t = 2_000;
      const stuck = jest.fn(() => new Promise<Page<ProductView>>(() => undefined)); // never answers
      const next = jest.fn(() => Promise.resolve(page(2)));
      await c.get('a', stuck);
      await c.get('b', next);
      expect(next).not.toHaveBeenCalled();
      jest.advanceTimersByTime(9_999);
      expect(next).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      expect(next).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps refreshing after a load that throws', async () => {
    const c = cache();
    await c.get('a', () => Promise.resolve(page(1)));
    await c.get('b', () => Promise.resolve(page(1)));
    t = 2_000;
    await c.get('a', () => {
      throw new Error('boom');
    });
    await c.get('b', () => Promise.resolve(page(2)));
    await settle();
    expect(await c.get('b', () => Promise.resolve(page(3)))).toEqual(page(2));
  });

  it('waits for a new load once a page is past its stale time too', async () => {
    const c = cache();
    const load = jest.fn().mockResolvedValueOnce(page(1)).mockResolvedValueOnce(page(2));
    await c.get('k', load);
    t = 12_000; // ttl 2 s + stale 10 s
    expect(await c.get('k', load)).toEqual(page(2));
  });

  it('does not keep a refresh that was running when the cache was cleared', async () => {
    const c = cache();
    let resolve!: (p: Page<ProductView>) => void;
    await c.get('k', () => Promise.resolve(page(1)));
    t = 3_000;
    await c.get('k', () => new Promise<Page<ProductView>>((r) => (resolve = r)));
    c.clear(); // a product changed while the refresh ran
    resolve(page(2));
    await Promise.resolve();
    expect(await c.get('k', () => Promise.resolve(page(3)))).toEqual(page(3));
  });

  it('runs one load for concurrent requests of the same page', async () => {
    const c = cache();
    let resolve!: (p: Page<ProductView>) => void;
    const load = jest.fn(() => new Promise<Page<ProductView>>((r) => (resolve = r)));
    const a = c.get('k', load);
    const b = c.get('k', load);
    resolve(page(1));
    expect(await Promise.all([a, b])).toEqual([page(1), page(1)]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('counts the age of a page from when its load finished: a slow load is shared, not started again', async () => {
    const c = cache();
    let resolve!: (p: Page<ProductView>) => void;
    const load = jest.fn(() => new Promise<Page<ProductView>>((r) => (resolve = r)));
    const first = c.get('k', load);
    t = 5_000; // the database is slow: the load outlives the TTL
    const during = c.get('k', load);
    expect(load).toHaveBeenCalledTimes(1);
    resolve(page(1));
    expect(await Promise.all([first, during])).toEqual([page(1), page(1)]);
    t = 6_999;
    expect(await c.get('k', load)).toEqual(page(1));
    expect(load).toHaveBeenCalledTimes(1);
    t = 7_000; // stale: answered with the page, one refresh started
    expect(await c.get('k', load)).toEqual(page(1));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed load', async () => {
    const c = cache();
    await expect(c.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await c.get('k', () => Promise.resolve(page(2)))).toEqual(page(2));
  });

  it('forgets everything on clear, and keeps at most maxPages', async () => {
    const c = cache();
    for (const k of ['a', 'b', 'c', 'd']) await c.get(k, () => Promise.resolve(page(1)));
    expect(c.size).toBe(3);
    c.clear();
    expect(c.size).toBe(0);
    expect(await c.get('a', () => Promise.resolve(page(9)))).toEqual(page(9));
  });

  it('spreads the expiry of pages loaded together over up to a quarter more of the TTL', async () => {
    const draws = [0, 1];
    const c = new SearchPageCache(
      2_000,
      3,
      () => t,
      10_000,
      () => draws.shift() ?? 0,
    );
    const load = jest.fn().mockResolvedValue(page(1));
    await c.get('a', load);
    await c.get('b', load);
    await Promise.resolve();
    t = 2_000; // 'a' is due (no extra), 'b' has 500 ms more
    await c.get('a', load);
    await c.get('b', load);
    expect(load).toHaveBeenCalledTimes(3);
    t = 2_500;
    await c.get('b', load);
    await settle();
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('keys by scope and every request field, whatever their order', () => {
    expect(SearchPageCache.key('storefront', { q: 'gao', limit: 20 })).toBe(SearchPageCache.key('storefront', { limit: 20, q: 'gao' }));
    expect(SearchPageCache.key('storefront', { q: 'gao', limit: 20 })).not.toBe(
      SearchPageCache.key('storefront', { q: 'gao', limit: 20, cursor: 'x' }),
    );
  });
});
