import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CallerIdentity } from '@app/contracts';

export interface GatewayRequest extends Request {
  caller?: CallerIdentity;
  /** The key's own rate limit (requests per minute), when it has one. */
  rateLimitPerMinute?: number | null;
}

/** Who calls, as established by authentication; anonymous for public endpoints. */
export const ANONYMOUS: CallerIdentity = { keyId: 'anonymous', role: 'storefront' };

export interface RequestContext {
  caller: CallerIdentity;
  requestId: string;
}

/** The caller identity and request id to pass along to services. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const req = ctx.switchToHttp().getRequest<GatewayRequest>();
  return {
    caller: req.caller ?? ANONYMOUS,
    requestId: typeof req.id === 'string' ? req.id : typeof req.id === 'number' ? String(req.id) : '',
  };
});
