export const ORDERS_ENV = Symbol('ORDERS_ENV');
