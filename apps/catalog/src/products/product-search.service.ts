import { Inject, Injectable, Optional } from '@nestjs/common';
import { type CallerIdentity, type Page, type ProductView, type SearchProductsRequest } from '@app/contracts';
import { decodeCursor, encodeCursor } from '@app/persistence';
import { SerializedReply, ValidationFailedError } from '@app/platform';
import { SearchPageCache } from './product-search.cache';
import { buildTsQuery, canRelax, queryTerms } from './product-search.query';
import { ProductSearchRepository, type SearchCursor, type SearchHit } from './product-search.repository';
import { productView } from './product.view';
import { queryParts } from './search-synonyms';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Milliseconds a storefront search page is fresh (CatalogEnv.SEARCH_CACHE_TTL_MS). */
export const SEARCH_CACHE_TTL_MS = Symbol('SEARCH_CACHE_TTL_MS');

@Injectable()
export class ProductSearchService {
  /**
   * Storefront pages only: partners and operators read their own writes at once. Kept as the
   * serialized reply: a cached page is answered many times a second, and serializing its ~20 KB
   * again for each was the largest single cost of a cached answer.
   */
  private readonly cache: SearchPageCache<SerializedReply<Page<ProductView>>>;

  constructor(
    private readonly repo: ProductSearchRepository,
    @Optional() @Inject(SEARCH_CACHE_TTL_MS) ttlMs?: number,
  ) {
    this.cache = new SearchPageCache(ttlMs);
  }

  /** A page of results: what `reply` answers, as a value. */
  async search(caller: CallerIdentity, r: SearchProductsRequest): Promise<Page<ProductView>> {
    const reply = await this.reply(caller, r);
    return reply instanceof SerializedReply ? reply.data() : reply;
  }

  /** The answer to a search request: storefront pages from the cache, already serialized. */
  reply(caller: CallerIdentity, r: SearchProductsRequest): Promise<Page<ProductView> | SerializedReply<Page<ProductView>>> {
    if (caller.role !== 'storefront') return this.load(caller, r);
    return this.cache.get(SearchPageCache.key(caller.role, r), async () => SerializedReply.of(await this.load(caller, r)));
  }

  /** Forget every cached page: call after any change to a product or seller made in this process. */
  invalidate(): void {
    this.cache.clear();
  }

  private async load(caller: CallerIdentity, r: SearchProductsRequest): Promise<Page<ProductView>> {
    const sort = r.sort ?? (r.q ? 'relevance' : 'newest');
    const cursor = decodeCursor<SearchCursor>(r.cursor, ['id']);
    if (cursor && !UUID.test(cursor.id))
      throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not one this API issued' }]);
    let hits: SearchHit[];
    let relaxed = cursor?.r === 1;
    const parts = r.q?.trim() ? queryParts(r.q) : [];
    if (r.q?.trim() && parts.length === 0) return { items: [], nextCursor: null };
    if (parts.length === 0) {
      hits = await this.repo.search(caller, r, sort, null, cursor);
    } else {
      // Synonym sets and codes are groups of alternatives; the other words go to typo correction.
      const plain = parts.flatMap((p, i) => (p.kind === 'word' ? [{ i, word: p.word }] : []));
      const corrected = await this.repo.queryWords(plain.map((p) => p.word));
      const terms = queryTerms(parts, new Map(plain.map((p, k) => [p.i, corrected.get(k) ?? []])));
      const tsquery = buildTsQuery(terms, relaxed);
      if (tsquery === null) return { items: [], nextCursor: null };
      hits = await this.repo.search(caller, r, sort, tsquery, cursor);
      // Nothing has every term: a first page may settle for all terms but one.
      if (hits.length === 0 && !cursor && canRelax(terms)) {
        relaxed = true;
        hits = await this.repo.search(caller, r, sort, buildTsQuery(terms, true), undefined);
      }
    }
    const more = hits.length > r.limit;
    const page = more ? hits.slice(0, r.limit) : hits;
    const last: SearchHit | undefined = page[page.length - 1];
    let nextCursor: string | null = null;
    if (more && last) {
      const next: SearchCursor =
        sort === 'relevance'
          ? { s: last.score, id: last.product.id }
          : sort === 'newest'
            ? { id: last.product.id }
            : { p: last.product.priceVnd, id: last.product.id };
      nextCursor = encodeCursor(relaxed ? { ...next, r: 1 } : next);
    }
    return { items: page.map((h) => productView(h.product, { name: h.sellerName })), nextCursor };
  }
}
