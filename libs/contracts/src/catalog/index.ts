export * from './category.dto';
export * from './catalog.rpc';
export * from './seller.dto';
export * from './product.dto';
export * from './catalog.events';
