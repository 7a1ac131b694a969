import type { CategoryNode } from './category.dto';

/** Requests the gateway sends to the catalog service. */
export const CatalogRpc = {
  listCategories: 'catalog.categories.list',
} as const;

export interface CatalogRpcContract {
  [CatalogRpc.listCategories]: { request: Record<string, never>; response: CategoryNode[] };
}
