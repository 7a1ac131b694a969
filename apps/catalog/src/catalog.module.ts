import { ProductSnapshotsService } from './products/product-snapshots.service';
import { DynamicModule, Module } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesService } from './categories/categories.service';
import { Category } from './categories/category.entity';
import { CategoryRepository } from './categories/category.repository';
import type { CatalogEnv } from './catalog.env';
import { Categories1763856100000 } from './migrations/1763856100000-categories';
import { SellersProductsStock1763860000000 } from './migrations/1763860000000-sellers-products-stock';
import { ProductSearchTsvector1763950000000 } from './migrations/1763950000000-product-search-tsvector';
import { ProductSearchRepository } from './products/product-search.repository';
import { ProductSearchService, SEARCH_CACHE_TTL_MS } from './products/product-search.service';
import { Product } from './products/product.entity';
import { ProductRepository } from './products/product.repository';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';
import { LotTraceCode } from './lots/lot-trace-code.entity';
import { ModerationController } from './moderation/moderation.controller';
import { ModerationService } from './moderation/moderation.service';
import { LotTraceCodeRepository } from './lots/lot-trace-code.repository';
import { LotTraceCodesProjector } from './lots/lot-trace-codes.projector';
import { VisiblePriceIndex1764900000000 } from './migrations/1764900000000-visible-price-index';
import { CreationKeys1764810000000 } from './migrations/1764810000000-creation-keys';
import { LotTraceCodes1764800000000 } from './migrations/1764800000000-lot-trace-codes';
import { SellerOrderAcceptance1765100000000 } from './migrations/1765100000000-seller-order-acceptance';
import { ProductSearchProvince1765500000000 } from './migrations/1765500000000-product-search-province';
import { Seller } from './sellers/seller.entity';
import { SellerRepository } from './sellers/seller.repository';
import { SellersController } from './sellers/sellers.controller';
import { SellersService } from './sellers/sellers.service';
import { StockReservation } from './stock/stock-reservation.entity';
import { StockReservationRepository } from './stock/stock-reservation.repository';
import { StockReservationHandler } from './stock/stock-reservation.handler';

export const CATALOG = 'catalog';
export const CATALOG_ENTITIES = [Category, Seller, Product, StockReservation, LotTraceCode];
export const CATALOG_MIGRATIONS = [
  Categories1763856100000,
  SellersProductsStock1763860000000,
  ProductSearchTsvector1763950000000,
  LotTraceCodes1764800000000,
  CreationKeys1764810000000,
  VisiblePriceIndex1764900000000,
  SellerOrderAcceptance1765100000000,
  ProductSearchProvince1765500000000,
];

/** Sellers, products, prices, stock, search. Owns the `<prefix>_catalog` database. */
@Module({})
export class CatalogModule {
  static forRoot(env: CatalogEnv): DynamicModule {
    return {
      module: CatalogModule,
      imports: [...serviceModules({ service: CATALOG, env, entities: CATALOG_ENTITIES, migrations: CATALOG_MIGRATIONS })],
      controllers: [CategoriesController, SellersController, ProductsController, ModerationController],
      providers: [
        CategoriesService,
        CategoryRepository,
        SellerRepository,
        SellersService,
        ProductRepository,
        ProductsService,
        ProductSearchRepository,
        ProductSearchService,
        { provide: SEARCH_CACHE_TTL_MS, useValue: env.SEARCH_CACHE_TTL_MS },
        StockReservationRepository,
        StockReservationHandler,
        LotTraceCodeRepository,
        LotTraceCodesProjector,
        ModerationService,
        ProductSnapshotsService,
      ],
    };
  }
}
