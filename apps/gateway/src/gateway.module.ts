import { DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { PersistenceModule, serviceDatabaseUrl } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { AsyncApiController } from './asyncapi/asyncapi.controller';
import * as catalogHttp from './categories';
import * as ordersHttp from './orders';
import * as settlementHttp from './settlement';
import * as traceabilityHttp from './traceability';
import * as webhooksHttp from './webhooks';
import type { GatewayEnv } from './gateway.env';
import { GATEWAY_ENV } from './gateway.tokens';
import { GatewayHealth } from './gateway.health';
import { MetricsListener } from './http/metrics-listener';
import type { GatewayRequest } from './http/request-context';
import { RateLimitGuard } from './http/rate-limit.guard';
import { WindowCounterStorage } from './http/window-counter.storage';
import { validationPipe } from './http/validation';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyPurgeService } from './idempotency/idempotency-purge.service';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { ApiKey } from './identity/api-key.entity';
import { ApiKeyRepository } from './identity/api-key.repository';
import { ApiKeysController } from './identity/api-keys.controller';
import { ApiKeysService } from './identity/api-keys.service';
import { AuthGuard } from './identity/auth.guard';
import { Identity1763859000000 } from './migrations/1763859000000-identity';
import { rpcClientProvider } from './rpc/rpc-client.provider';
import { ServiceClient } from './rpc/service-client';

export const GATEWAY = 'gateway';

const CONTEXTS: Record<string, unknown>[] = [catalogHttp, ordersHttp, traceabilityHttp, settlementHttp, webhooksHttp];

/** What each context's folder exports as `<CONTEXT>_CONTROLLERS` / `<CONTEXT>_PROVIDERS`. */
function contextExports<T>(suffix: string): T[] {
  return CONTEXTS.flatMap((ns) =>
    Object.entries(ns).flatMap(([name, value]) => (name.endsWith(suffix) && Array.isArray(value) ? (value as T[]) : [])),
  );
}
export const GATEWAY_ENTITIES = [ApiKey, IdempotencyRecord];
export const GATEWAY_MIGRATIONS = [Identity1763859000000];

/**
 * The public REST API. Owns identity (API keys) and idempotency records in its own database;
 * reaches services over Kafka request-reply (or in-process) only.
 */
@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forService({ service: GATEWAY, logLevel: env.LOG_LEVEL, metricsRoute: false }),
        PersistenceModule.forService(() => ({
          url: serviceDatabaseUrl(env.DATABASE_URL, env.DB_NAME_PREFIX, GATEWAY),
          entities: GATEWAY_ENTITIES,
          migrations: GATEWAY_MIGRATIONS,
          poolSize: env.DB_POOL_SIZE,
          applicationName: `${GATEWAY}-${env.SERVICE_INSTANCE}`,
        })),
        ThrottlerModule.forRoot({
          storage: new WindowCounterStorage(),
          throttlers: [
            {
              name: 'default',
              ttl: 60000,
              limit: (ctx) => ctx.switchToHttp().getRequest<GatewayRequest>().rateLimitPerMinute ?? env.RATE_LIMIT_PER_MINUTE,
            },
          ],
        }),
      ],
      controllers: [AsyncApiController, ApiKeysController, ...contextExports<Type>('_CONTROLLERS')],
      providers: [
        { provide: GATEWAY_ENV, useValue: env },
        rpcClientProvider(env),
        ServiceClient,
        GatewayHealth,
        MetricsListener,
        ApiKeyRepository,
        ApiKeysService,
        IdempotencyRepository,
        IdempotencyInterceptor,
        IdempotencyPurgeService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_PIPE, useFactory: validationPipe },
        ...contextExports<Provider>('_PROVIDERS'),
      ],
    };
  }
}
