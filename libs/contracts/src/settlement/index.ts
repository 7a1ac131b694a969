export * from './settlement.rpc';
