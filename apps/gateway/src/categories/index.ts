import type { Provider, Type } from '@nestjs/common';
import { GATEWAY_ENV } from '../gateway.tokens';
import type { GatewayEnv } from '../gateway.env';
import { ProductCache } from '../products/product-cache';
import { ProductCacheProjector } from '../products/product-cache.projector';
import { ProductsController } from '../products/products.controller';
import { SellersController } from '../sellers/sellers.controller';
import { CategoriesController } from './categories.controller';
import { ModerationController } from './moderation.controller';

/** REST controllers of the catalog context. */
export const CATALOG_CONTROLLERS: Type[] = [CategoriesController, SellersController, ProductsController, ModerationController];

/** The product cache (ADR 0055) and the consumer that keeps it. */
export const CATALOG_PROVIDERS: Provider[] = [
  {
    provide: ProductCache,
    useFactory: (env: GatewayEnv) => new ProductCache(env.PRODUCT_CACHE_SIZE, env.SEARCH_PAGE_CACHE_TTL_MS),
    inject: [GATEWAY_ENV],
  },
  ProductCacheProjector,
];
