import { DynamicModule, Module } from '@nestjs/common';
import { createKafka } from '@app/messaging';
import { HealthRegistry, PlatformModule } from '@app/platform';
import { CategoriesController } from './categories/categories.controller';
import type { GatewayEnv } from './gateway.env';
import { GATEWAY_ENV } from './gateway.tokens';
import { rpcClientProvider } from './rpc/rpc-client.provider';
import { ServiceClient } from './rpc/service-client';

export const GATEWAY = 'gateway';

/** The public REST API; reaches services over Kafka request-reply (or in-process) only. */
@Module({})
export class GatewayModule {
  static forRoot(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forService({ service: GATEWAY, logLevel: env.LOG_LEVEL })],
      controllers: [CategoriesController],
      providers: [
        { provide: GATEWAY_ENV, useValue: env },
        rpcClientProvider(env),
        ServiceClient,
        {
          provide: 'GATEWAY_HEALTH',
          inject: [HealthRegistry],
          useFactory: (health: HealthRegistry) => {
            if (env.TRANSPORT !== 'kafka') {
              health.register('transport', () => Promise.resolve({ transport: 'in-process' }));
              return true;
            }
            const kafka = createKafka('gateway-health', env.KAFKA_BROKERS);
            health.register('kafka', async () => {
              const admin = kafka.admin();
              await admin.connect();
              try {
                const cluster = await admin.describeCluster();
                return { brokers: cluster.brokers.length };
              } finally {
                await admin.disconnect();
              }
            });
            return true;
          },
        },
      ],
    };
  }
}
