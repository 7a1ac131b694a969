export * from './bigint.transformer';
export * from './data-source';
export * from './database-url';
export * from './persistence.module';
export * from './cursor';
export * from './unique-violation';
export * from './advisory-lock';
export * from './query-logger';
