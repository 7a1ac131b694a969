import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { GatewayRequest } from './request-context';

/**
 * Requests per minute per API key (the key's own limit, else the gateway default); unauthenticated
 * requests are counted per client address. Counted per gateway instance.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getTracker(req: GatewayRequest): Promise<string> {
    return Promise.resolve(req.caller ? `key:${req.caller.keyId}` : `ip:${req.ip ?? 'unknown'}`);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }
}
