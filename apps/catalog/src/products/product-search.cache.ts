import type { Page, ProductView, SearchProductsRequest } from '@app/contracts';
import { Semaphore } from '@app/messaging';

/** The request fields a page depends on, in a fixed order (the key must not depend on property order). */
const KEY_FIELDS = [
  'q',
  'provinceCode',
  'categoryId',
  'ocopStars',
  'sellerId',
  'minPriceVnd',
  'maxPriceVnd',
  'sort',
  'limit',
  'cursor',
] as const;

/** Fraction of the TTL added at random to each page's freshness. */
const JITTER = 0.25;

interface Entry<T> {
  /** Fresh until then; infinite while the first load runs. */
  until: number;
  /** Past `until` and before this, the page is still served while one refresh runs. */
  staleUntil: number;
  page: Promise<T>;
  refreshing: boolean;
}

/**
 * Storefront search pages for some seconds (SEARCH_CACHE_TTL_MS), in this process (ADR 0031). Buyers send the
 * same popular queries over and over; the page for one costs PostgreSQL milliseconds of ranking
 * per request, the same page from memory nothing. Concurrent requests for a page that is not
 * there wait for one load instead of each running the query, however long it takes: a page's
 * `ttlMs` counts from when its load finished, so a load slower than the TTL (PostgreSQL busy)
 * cannot expire while it runs and set off a herd of new ones. Once a page is older than `ttlMs`,
 * and for `staleMs` more, it is still served while one request's refresh runs in the background,
 * so no request that arrives at expiry waits a whole query (ADR 0031 has the measurements). `clear()`
 * (called on every product change made in this process) drops everything at once, including
 * loads still running, so nothing read before a change is served after it.
 */
export class SearchPageCache<T = Page<ProductView>> {
  private readonly pages = new Map<string, Entry<T>>();
  /** Background refreshes run one at a time (see refresh()). */
  private readonly refreshSlot = new Semaphore(1);

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxPages = 1_000,
    private readonly now: () => number = () => performance.now(),
    private readonly staleMs = 10_000,
    private readonly random: () => number = Math.random,
  ) {}

  static key(scope: string, r: SearchProductsRequest): string {
    return JSON.stringify([scope, ...KEY_FIELDS.map((f) => r[f] ?? null)]);
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = this.pages.get(key);
    if (hit && hit.until > t) return hit.page;
    if (hit && hit.staleUntil > t) {
      if (!hit.refreshing) this.refresh(key, hit, load);
      return hit.page;
    }
    if (hit) this.pages.delete(key);
    if (this.pages.size >= this.maxPages) this.evictExpiredOrOldest(t);
    const page = load();
    const entry: Entry<T> = { until: Number.POSITIVE_INFINITY, staleUntil: Number.POSITIVE_INFINITY, page, refreshing: false };
    this.pages.set(key, entry);
    // A failed load is not remembered; one overtaken by clear() is already gone.
    page.then(
      () => this.freshen(entry),
      () => {
        if (this.pages.get(key) === entry) this.pages.delete(key);
      },
    );
    return page;
  }

  clear(): void {
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }

  /**
   * Fresh for the TTL plus up to a quarter more at random: pages loaded together (a restart, a
   * clear()) would otherwise expire together, and their refreshes — each one ranks every match,
   * up to a hundred milliseconds of PostgreSQL — arrived as one burst that every read queued behind.
   */
  private freshen(entry: Entry<T>): void {
    const t = this.now();
    entry.until = t + this.ttlMs * (1 + JITTER * this.random());
    entry.staleUntil = entry.until + this.staleMs;
  }

  /**
   * Loads the page again in the background; the stale one is served until the new one is there.
   * Background refreshes run one after another, never side by side: a relevance-ranked page costs
   * PostgreSQL 15–80 ms of one core, and pages loaded together (the first second after a start or
   * a clear()) fall due together; side by side, up to the pool's ten such queries would take every
   * core from the other requests on the machine (ADR 0031). Nobody waits for a refresh, so the queue
   * only costs staleness: a page whose refresh has not run by the end of its stale time is loaded
   * by the next request, as any missing page. A refresh still running after `staleMs` no longer
   * holds up the next one (a statement stuck in the database must not end background refreshing).
   */
  private refresh(key: string, entry: Entry<T>, load: () => Promise<T>): void {
    entry.refreshing = true;
    void this.refreshSlot.acquire().then((release) => {
      // Dropped by clear() (a product changed) or replaced while it waited: nothing to refresh.
      if (this.pages.get(key) !== entry) return release();
      const overdue = setTimeout(release, this.staleMs);
      overdue.unref?.();
      let page: Promise<T>;
      try {
        page = load();
      } catch (e) {
        // A load that throws at once is a failed refresh, not a stopped queue.
        page = Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      page
        .then(
          () => {
            // Dropped or replaced while it ran: the answer is not kept.
            if (this.pages.get(key) !== entry) return;
            entry.page = page;
            entry.refreshing = false;
            this.freshen(entry);
          },
          () => {
            entry.refreshing = false;
          },
        )
        .finally(() => {
          clearTimeout(overdue);
          release();
        });
    });
  }

  private evictExpiredOrOldest(t: number): void {
    for (const [key, entry] of this.pages) if (entry.staleUntil <= t) this.pages.delete(key);
    // Map iteration is insertion order: the first key is the oldest.
    while (this.pages.size >= this.maxPages) this.pages.delete(this.pages.keys().next().value as string);
  }
}
