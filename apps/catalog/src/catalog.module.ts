import { DynamicModule, Module } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import { CategoriesModule } from './categories/categories.module';
import { Category } from './categories/category.entity';
import type { CatalogEnv } from './catalog.env';
import { Categories1763856100000 } from './migrations/1763856100000-categories';

export const CATALOG = 'catalog';
export const CATALOG_ENTITIES = [Category];
export const CATALOG_MIGRATIONS = [Categories1763856100000];

/** Sellers, products, prices, stock, search. Owns the `<prefix>_catalog` database. */
@Module({})
export class CatalogModule {
  static forRoot(env: CatalogEnv): DynamicModule {
    return {
      module: CatalogModule,
      imports: [...serviceModules({ service: CATALOG, env, entities: CATALOG_ENTITIES, migrations: CATALOG_MIGRATIONS }), CategoriesModule],
    };
  }
}
