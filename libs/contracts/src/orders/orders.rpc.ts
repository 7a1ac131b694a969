/** Requests the gateway sends to the orders service. */
export const OrdersRpc = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OrdersRpcContract {}
