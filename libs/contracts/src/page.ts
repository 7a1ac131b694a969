/** A page of a list endpoint: `?limit=` (≤ 100) and an opaque `?cursor=` for the next page. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** What a list request carries, after the gateway checked `limit` and `cursor`'s shape. */
export interface PageRequest {
  limit: number;
  cursor?: string;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
