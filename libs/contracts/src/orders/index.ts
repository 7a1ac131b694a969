export * from './orders.events';
export * from './orders.rpc';
