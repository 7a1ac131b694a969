import { Inject, Injectable, Optional } from '@nestjs/common';
import { foldVietnamese, type CallerIdentity, type Page, type ProductView, type SearchProductsRequest } from '@app/contracts';
import { decodeCursor, encodeCursor } from '@app/persistence';
import { SerializedReply, ValidationFailedError } from '@app/platform';
import { SearchPageCache } from './product-search.cache';
import { buildTsQuery, canRelax } from './product-search.query';
import { ProductSearchRepository, type SearchCursor, type SearchHit } from './product-search.repository';
import { productView } from './product.view';

/**
 * Words buyers type for produce whose listing uses another word: loanwords and regional names.
 * Each folded (no diacritics) query word on the left is searched as the phrase on the right.
 */
const SYNONYMS: Record<string, string> = {
  cafe: 'ca phe',
  coffee: 'ca phe',
  caphe: 'ca phe',
  tra: 'che',
  tea: 'che',
  rice: 'gao',
  lychee: 'vai thieu',
  durian: 'sau rieng',
  pepper: 'ho tieu',
  honey: 'mat ong',
  shrimp: 'tom',
  mango: 'xoai',
  pomelo: 'buoi',
  heo: 'lon',
  bap: 'ngo',
  trai: 'qua',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The query with buyers' synonyms replaced, so "cafe" finds "Cà phê". */
export function expandQuery(q: string): string {
  return foldVietnamese(q)
    .split(' ')
    .map((w) => SYNONYMS[w] ?? w)
    .join(' ');
}

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
    const q = r.q?.trim() ? expandQuery(r.q) : '';
    if (!q) {
      hits = await this.repo.search(caller, r, sort, null, cursor);
    } else {
      const words = await this.repo.queryWords(q);
      const tsquery = buildTsQuery(words, relaxed);
      if (tsquery === null) return { items: [], nextCursor: null };
      hits = await this.repo.search(caller, r, sort, tsquery, cursor);
      // Nothing has every word: a first page may settle for all words but one.
      if (hits.length === 0 && !cursor && canRelax(words)) {
        relaxed = true;
        hits = await this.repo.search(caller, r, sort, buildTsQuery(words, true), undefined);
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
