/** Requests the gateway sends to the settlement service. */
export const SettlementRpc = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SettlementRpcContract {}
