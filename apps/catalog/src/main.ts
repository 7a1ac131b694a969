import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { CatalogEnv } from './catalog.env';
import { CATALOG, CatalogModule } from './catalog.module';

runServiceMain(CATALOG, CatalogEnv, (env) => CatalogModule.forRoot(env));
