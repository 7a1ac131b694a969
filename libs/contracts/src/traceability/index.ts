export * from './lot.dto';
export * from './trace-page.dto';
export * from './traceability.rpc';
export * from './traceability.events';
