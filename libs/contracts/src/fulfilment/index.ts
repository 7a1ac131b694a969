export * from './shipment-requested.event';
export * from './asyncapi';
