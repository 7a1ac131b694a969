export * from './orders.events';
export * from './order.dto';
export * from './orders.rpc';
