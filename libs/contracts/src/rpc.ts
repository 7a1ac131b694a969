import type { CallerIdentity } from './caller';
import type { Problem } from './problem';

/**
 * The envelope of every gateway → service request (Kafka request-reply or in-process).
 * Services read the caller from here to enforce ownership.
 */
export interface RpcRequest<P> {
  caller: CallerIdentity;
  /** The HTTP request id, carried into the service's logs. */
  requestId: string;
  payload: P;
}

/**
 * Every reply is a result, never a transport-level error, so a domain error reaches the gateway
 * with its status and code intact whatever the transport.
 */
export type RpcReply<R> = { ok: true; data: R } | { ok: false; problem: Problem };
