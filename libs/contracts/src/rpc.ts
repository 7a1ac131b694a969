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
  /**
   * What makes a creating request safe to repeat: the same operation, sent again (a client retrying
   * with its Idempotency-Key after a 5xx, or the request redelivered to a service after a crash),
   * returns what the first one created instead of creating it twice. Set on creating requests.
   */
  operation?: RpcOperation;
}

export interface RpcOperation {
  /** Scoped to the calling API key: `idem:<sha-256 of key id and Idempotency-Key>`, else `req:<uuid>` per HTTP request. */
  key: string;
  /** SHA-256 of the request (method, path, canonical body); the same key with another body is refused. */
  requestHash: string;
}

/**
 * Every reply is a result, never a transport-level error, so a domain error reaches the gateway
 * with its status and code intact whatever the transport.
 */
export type RpcReply<R> = { ok: true; data: R } | { ok: false; problem: Problem };
