export * from './traceability.rpc';
