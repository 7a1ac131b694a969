import { CatalogRpc, type CatalogRpcContract } from './catalog/catalog.rpc';
import { OrdersRpc, type OrdersRpcContract } from './orders/orders.rpc';
import { SettlementRpc, type SettlementRpcContract } from './settlement/settlement.rpc';
import { TraceabilityRpc, type TraceabilityRpcContract } from './traceability/traceability.rpc';
import type { ServiceName } from './topics';

/** Every request/response pair, by pattern. The pattern is also the Kafka request topic. */
export type RpcContract = CatalogRpcContract & OrdersRpcContract & TraceabilityRpcContract & SettlementRpcContract;
export type RpcPattern = keyof RpcContract;
export type RpcRequestOf<P extends RpcPattern> = RpcContract[P]['request'];
export type RpcResponseOf<P extends RpcPattern> = RpcContract[P]['response'];

/** Which service answers which patterns (drives topic creation and the gateway's reply subscriptions). */
export const RPC_PATTERNS_BY_SERVICE: Readonly<Record<Exclude<ServiceName, 'gateway'>, readonly RpcPattern[]>> = {
  catalog: Object.values(CatalogRpc),
  orders: Object.values(OrdersRpc),
  traceability: Object.values(TraceabilityRpc),
  settlement: Object.values(SettlementRpc),
};

export const ALL_RPC_PATTERNS: readonly RpcPattern[] = Object.values(RPC_PATTERNS_BY_SERVICE).flat();

/** Kafka topic on which replies to `pattern` come back (the @nestjs/microservices convention). */
export function replyTopic(pattern: string): string {
  return `${pattern}.reply`;
}
