import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { Role } from '@app/contracts';
import { ApiProblems } from '../openapi/problem.dto';

export const ROLES_METADATA = 'nongsan:roles';

/** Only these roles may call the endpoint (others: 403); no or a bad key: 401; a service at capacity or silent: 503/504. */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_METADATA, roles),
    ApiBearerAuth('apiKey'),
    ApiExtension('x-roles', roles),
    ApiProblems(401, 403, 429, 503, 504),
  );
}

/** Any valid key. */
export function AnyRole(): MethodDecorator & ClassDecorator {
  return Roles('admin', 'partner', 'storefront', 'carrier');
}
