import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import type { CallerIdentity, RpcOperation } from '@app/contracts';

export interface GatewayRequest extends Request {
  caller?: CallerIdentity;
  /** The key's own rate limit (requests per minute), when it has one. */
  rateLimitPerMinute?: number | null;
  /** Set by the idempotency interceptor when the request carries an Idempotency-Key. */
  operation?: RpcOperation;
}

/** Who calls, as established by authentication; anonymous for public endpoints. */
export const ANONYMOUS: CallerIdentity = { keyId: 'anonymous', role: 'storefront' };

export interface RequestContext {
  caller: CallerIdentity;
  requestId: string;
  /** Passed with creating requests so that a repeat returns what the first created (RpcRequest.operation). */
  operation: RpcOperation;
}

/** The caller identity and request id to pass along to services. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const req = ctx.switchToHttp().getRequest<GatewayRequest>();
  // Without an Idempotency-Key the operation is this HTTP request: a redelivery of it to the
  // service creates nothing twice, a new request of the client does create again.
  req.operation ??= { key: `req:${uuidv7()}`, requestHash: '' };
  return {
    caller: req.caller ?? ANONYMOUS,
    requestId: typeof req.id === 'string' ? req.id : typeof req.id === 'number' ? String(req.id) : '',
    operation: req.operation,
  };
});
