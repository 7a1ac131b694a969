import { Injectable } from '@nestjs/common';
import { foldVietnamese, type CallerIdentity, type Page, type ProductView, type SearchProductsRequest } from '@app/contracts';
import { encodeCursor } from '@app/persistence';
import { ProductSearchRepository, type SearchHit } from './product-search.repository';
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

/** The query with buyers' synonyms replaced, so "cafe" finds "Cà phê". */
export function expandQuery(q: string): string {
  return foldVietnamese(q)
    .split(' ')
    .map((w) => SYNONYMS[w] ?? w)
    .join(' ');
}

@Injectable()
export class ProductSearchService {
  constructor(private readonly repo: ProductSearchRepository) {}

  async search(caller: CallerIdentity, r: SearchProductsRequest): Promise<Page<ProductView>> {
    const sort = r.sort ?? (r.q ? 'relevance' : 'newest');
    const hits = await this.repo.search(caller, { ...r, ...(r.q ? { expandedQuery: expandQuery(r.q) } : {}) }, sort);
    const more = hits.length > r.limit;
    const page = more ? hits.slice(0, r.limit) : hits;
    const last: SearchHit | undefined = page[page.length - 1];
    let nextCursor: string | null = null;
    if (more && last) {
      nextCursor = encodeCursor(
        sort === 'relevance'
          ? { s: last.score, id: last.product.id }
          : sort === 'newest'
            ? { id: last.product.id }
            : { p: last.product.priceVnd, id: last.product.id },
      );
    }
    return { items: page.map((h) => productView(h.product, { name: h.sellerName })), nextCursor };
  }
}
