import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@app/contracts';
import { ForbiddenError, PUBLIC_METADATA, UnauthorizedError } from '@app/platform';
import type { GatewayRequest } from '../http/request-context';
import { ROLES_METADATA } from './access.decorators';
import { ApiKeysService } from './api-keys.service';

/**
 * Every route needs a valid key unless marked @Public(); a route without @Roles is refused to
 * everyone (deny by default, so a forgotten decorator cannot open an endpoint).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;
    const req = context.switchToHttp().getRequest<GatewayRequest>();
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new UnauthorizedError().vi('Cần khóa API hợp lệ (Authorization: Bearer <khóa>).');
    const identity = await this.keys.authenticate(match[1]);
    if (!identity) throw new UnauthorizedError('The API key is unknown or revoked.').vi('Khóa API không tồn tại hoặc đã bị thu hồi.');
    const { rateLimitPerMinute, ...caller } = identity;
    req.caller = caller;
    req.rateLimitPerMinute = rateLimitPerMinute;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets);
    if (!roles || !roles.includes(caller.role)) {
      throw new ForbiddenError(`A ${caller.role} key may not call ${req.method} ${req.path}.`).vi(
        `Khóa vai trò ${caller.role} không được gọi ${req.method} ${req.path}.`,
      );
    }
    return true;
  }
}
