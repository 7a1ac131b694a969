import type { CategoryNode } from './category.dto';
import type { CreateProductRequest, ProductView, SearchProductsRequest, UpdateProductRequest } from './product.dto';
import type { RegisterSellerRequest, SellerView, UpdateSellerRequest } from './seller.dto';
import type { Page, PageRequest } from '../page';

/** Requests the gateway sends to the catalog service. */
export const CatalogRpc = {
  listCategories: 'catalog.categories.list',
  registerSeller: 'catalog.sellers.register',
  getSeller: 'catalog.sellers.get',
  listSellers: 'catalog.sellers.list',
  updateSeller: 'catalog.sellers.update',
  createProduct: 'catalog.products.create',
  updateProduct: 'catalog.products.update',
  getProduct: 'catalog.products.get',
  searchProducts: 'catalog.products.search',
  moderateSeller: 'catalog.sellers.moderate',
  moderateProduct: 'catalog.products.moderate',
} as const;

/** An operator hides (or shows again) a seller or a product, whatever its owner sets. */
export interface ModerationRequest {
  id: string;
  suspended: boolean;
  reason?: string;
}

export interface CatalogRpcContract {
  [CatalogRpc.listCategories]: { request: Record<string, never>; response: CategoryNode[] };
  [CatalogRpc.registerSeller]: { request: RegisterSellerRequest; response: SellerView };
  [CatalogRpc.getSeller]: { request: { id: string }; response: SellerView };
  [CatalogRpc.listSellers]: { request: PageRequest; response: Page<SellerView> };
  [CatalogRpc.updateSeller]: { request: UpdateSellerRequest; response: SellerView };
  [CatalogRpc.createProduct]: { request: CreateProductRequest; response: ProductView };
  [CatalogRpc.updateProduct]: { request: UpdateProductRequest; response: ProductView };
  [CatalogRpc.getProduct]: { request: { id: string }; response: ProductView };
  [CatalogRpc.searchProducts]: { request: SearchProductsRequest; response: Page<ProductView> };
  [CatalogRpc.moderateSeller]: { request: ModerationRequest; response: SellerView };
  [CatalogRpc.moderateProduct]: { request: ModerationRequest; response: ProductView };
}
