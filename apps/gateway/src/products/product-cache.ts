import { randomUUID } from 'node:crypto';
import { vietnamDate } from '@app/platform';

/** A product as storefronts and carriers see it, as the HTTP body and its ETag. */
export interface CachedProduct {
  body: string;
  etag: string;
}

/** A storefront search page as the HTTP body, its ETag (the catalog's page version) and when it stops being fresh. */
interface CachedPage {
  body: string;
  etag: string | null;
  freshUntil: number;
}

/** Most storefront search pages kept (the oldest kept goes first). */
const MAX_PAGES = 1000;

/** What a fill must show it started after: see ProductCache.begin. */
export interface FillTicket {
  id: string;
  generation: number;
}

/**
 * Product-by-id answers for storefronts and carriers, kept in the gateway and dropped by the
 * catalog's product events (ADR 0055). An entry is the catalog's own answer (filled on a miss), so
 * it is exactly what the catalog would answer until the next event about that product; the events
 * arrive over Kafka from a consumer that `ProductCacheProjector` runs.
 *
 * - Answers only while the event consumer is live (`live`): it has joined and fetched within
 *   `staleAfterMs`. Otherwise every read goes to the catalog, and on a new start of the consumer
 *   the cache is emptied (events may have been missed meanwhile).
 * - A fill that an event about its product overtook is not kept (`begin` → `fill`).
 * - An entry serves only the Vietnam date it was filled on: OCOP ratings and certifications are
 *   shown up to their validity date, so tomorrow's answer may differ.
 * - At most `max` entries; the oldest fill goes first.
 */
export class ProductCache {
  private readonly entries = new Map<string, CachedProduct & { day: string }>();
  /** Fills in flight per product, and the products an event named while one was. */
  private readonly filling = new Map<string, number>();
  private readonly overtaken = new Set<string>();
  private readonly pages = new Map<string, CachedPage>();
  private generation = 0;
  private pageGeneration = 0;
  private joined = false;
  private lastFetchAt = -Infinity;
  hits = 0;
  misses = 0;

  constructor(
    private readonly max: number,
    private readonly pageTtlMs = 0,
    private readonly staleAfterMs = 3000,
    private readonly now: () => number = () => Date.now(),
    private readonly today: () => string = () => vietnamDate(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Whether the cache may answer: the consumer is in its group and fetched recently. */
  get live(): boolean {
    return this.max > 0 && this.joined && this.now() - this.lastFetchAt <= this.staleAfterMs;
  }

  /** The cached answer, when there is one the catalog would give now. */
  get(id: string): CachedProduct | undefined {
    if (!this.live) return undefined;
    const e = this.entries.get(id);
    if (!e || e.day !== this.today()) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return e;
  }

  /**
   * A storefront search page kept less than `pageTtlMs` ago, while the consumer is live. Pages are
   * dropped by any full product event (a partner's or operator's change: `catalog.product.updated`)
   * and by changes through this gateway; stock moved by orders shows within the TTL, as in the
   * catalog's own page cache (ADR 0031).
   */
  page(key: string): { body: string; etag: string | null } | undefined {
    if (this.pageTtlMs === 0 || !this.live) return undefined;
    const p = this.pages.get(key);
    return p && p.freshUntil > this.now() ? p : undefined;
  }

  /** Call before asking the catalog for a page to keep; then `keepPage` with what it returns. */
  beginPage(): number | null {
    return this.pageTtlMs > 0 && this.live ? this.pageGeneration : null;
  }

  keepPage(key: string, begun: number, body: string, etag: string | null): void {
    if (begun !== this.pageGeneration || !this.live) return;
    this.pages.delete(key);
    while (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value as string);
    this.pages.set(key, { body, etag, freshUntil: this.now() + this.pageTtlMs });
  }

  /** A product's full state changed (not only its stock): no kept search page stands. */
  productChanged(): void {
    this.pageGeneration++;
    this.pages.clear();
  }

  /** Call before asking the catalog for a product to cache; then `fill` or `abandon` with the ticket. */
  begin(id: string): FillTicket | null {
    if (!this.live) return null;
    this.filling.set(id, (this.filling.get(id) ?? 0) + 1);
    return { id, generation: this.generation };
  }

  /** Keeps the catalog's answer, unless an event about the product (or a restart of the consumer) came since `begin`. */
  fill(ticket: FillTicket, body: string): CachedProduct {
    const etag = `W/"p-${randomUUID()}"`;
    const kept = !this.overtaken.has(ticket.id) && ticket.generation === this.generation && this.live;
    this.end(ticket);
    if (kept) {
      this.entries.delete(ticket.id);
      while (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(ticket.id, { body, etag, day: this.today() });
    }
    return { body, etag };
  }

  /** The catalog answered with an error: nothing to keep. */
  abandon(ticket: FillTicket): void {
    this.end(ticket);
  }

  /**
   * An event about this product was consumed, or a change to it made through this gateway was
   * answered (its event may still be on its way): its answer may have changed.
   */
  changed(id: string): void {
    this.entries.delete(id);
    if (this.filling.has(id)) this.overtaken.add(id);
  }

  /** A change made through this gateway may touch any product (a seller's suspension): drop them all now. */
  forgetAll(): void {
    this.clear();
  }

  /** The consumer (re)joined its group: what it missed while out is unknown, so nothing cached stands. */
  joinedGroup(): void {
    this.clear();
    this.joined = true;
    this.lastFetchAt = -Infinity; // live again after the first fetch, which resolves the start offsets
  }

  /** The consumer left its group, stopped or crashed. */
  leftGroup(): void {
    this.joined = false;
    this.clear();
  }

  /** A fetch completed: events up to now have been seen. */
  fetched(): void {
    this.lastFetchAt = this.now();
  }

  private clear(): void {
    this.generation++;
    this.pageGeneration++;
    this.entries.clear();
    this.pages.clear();
  }

  private end(ticket: FillTicket): void {
    const left = (this.filling.get(ticket.id) ?? 1) - 1;
    if (left > 0) return void this.filling.set(ticket.id, left);
    this.filling.delete(ticket.id);
    this.overtaken.delete(ticket.id);
  }
}
