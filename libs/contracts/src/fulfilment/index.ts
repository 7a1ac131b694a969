export * from './shipment-requested.event';
