import type { Type } from '@nestjs/common';
import { ProductsController } from '../products/products.controller';
import { SellersController } from '../sellers/sellers.controller';
import { CategoriesController } from './categories.controller';
import { ModerationController } from './moderation.controller';

/** REST controllers of the catalog context. */
export const CATALOG_CONTROLLERS: Type[] = [CategoriesController, SellersController, ProductsController, ModerationController];
