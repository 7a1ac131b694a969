export * from './public-events';
export * from './webhook.dto';
export * from './notifications.rpc';
