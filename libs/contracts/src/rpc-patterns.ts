import { CatalogRpc, type CatalogRpcContract } from './catalog/catalog.rpc';
import { NotificationsRpc, type NotificationsRpcContract } from './notifications/notifications.rpc';
import { OrdersRpc, type OrdersRpcContract } from './orders/orders.rpc';
import { SettlementRpc, type SettlementRpcContract } from './settlement/settlement.rpc';
import { TraceabilityRpc, type TraceabilityRpcContract } from './traceability/traceability.rpc';
import type { ServiceName } from './topics';

/** Every request/response pair, by pattern (`<service>.<resource>.<verb>`). */
export type RpcContract = CatalogRpcContract &
  OrdersRpcContract &
  TraceabilityRpcContract &
  SettlementRpcContract &
  NotificationsRpcContract;
export type RpcPattern = keyof RpcContract;
export type RpcRequestOf<P extends RpcPattern> = RpcContract[P]['request'];
export type RpcResponseOf<P extends RpcPattern> = RpcContract[P]['response'];

/** Which service answers which patterns (drives topic creation and the gateway's reply subscriptions). */
export const RPC_PATTERNS_BY_SERVICE: Readonly<Record<Exclude<ServiceName, 'gateway'>, readonly RpcPattern[]>> = {
  catalog: Object.values(CatalogRpc),
  orders: Object.values(OrdersRpc),
  traceability: Object.values(TraceabilityRpc),
  settlement: Object.values(SettlementRpc),
  notifications: Object.values(NotificationsRpc),
};

export const ALL_RPC_PATTERNS: readonly RpcPattern[] = Object.values(RPC_PATTERNS_BY_SERVICE).flat();

export type RpcService = keyof typeof RPC_PATTERNS_BY_SERVICE;

/**
 * Kafka topic carrying every request to `service` (the pattern travels in a header). One topic per
 * service rather than one per pattern: a consumer fetching 80 near-empty topics costs the broker and
 * every process more than the requests themselves.
 */
export function rpcRequestTopic(service: RpcService): string {
  return `${service}.rpc`;
}

/** Kafka topic on which the gateway receives every reply; one partition per gateway instance. */
export const RPC_REPLY_TOPIC = 'gateway.rpc.reply';

/** The service that answers `pattern` (its first segment), or undefined for an unknown pattern. */
export function serviceOfPattern(pattern: string): RpcService | undefined {
  const service = pattern.slice(0, pattern.indexOf('.'));
  return Object.hasOwn(RPC_PATTERNS_BY_SERVICE, service) &&
    (RPC_PATTERNS_BY_SERVICE[service as RpcService] as readonly string[]).includes(pattern)
    ? (service as RpcService)
    : undefined;
}

/** The last segment of the patterns that only read (`orders.shipments.report` writes: not here). */
const READ_VERBS: ReadonlySet<string> = new Set([
  'get',
  'list',
  'search',
  'page',
  'quote',
  'balance',
  'statement',
  'daily',
  'trial-balance',
  'deliveries',
  'list-events',
  'get-capture',
  'export-epcis',
  'verify',
]);

/**
 * A request that may be sent twice with the same effect as once: a read, or a write carrying its
 * operation key (the service keeps what the key did and answers a repeat with it, ADR 0007). The
 * gateway sends a second copy of such a request to another instance when the first one's
 * instance has stopped answering (ADR 0056).
 */
export function mayRepeat(pattern: string, request: unknown): boolean {
  if (typeof request === 'object' && request !== null && 'operation' in request && request.operation) return true;
  return READ_VERBS.has(pattern.slice(pattern.lastIndexOf('.') + 1));
}
