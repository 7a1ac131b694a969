/** Requests the gateway sends to the traceability service. */
export const TraceabilityRpc = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TraceabilityRpcContract {}
