import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { fulfilmentAsyncApi } from '@app/contracts';
import { loadEnv } from '@app/platform';
import { GatewayEnv } from '../../apps/gateway/src/gateway.env';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { buildOpenApi } from '../../apps/gateway/src/openapi/openapi';

/** Where the committed AsyncAPI document says carriers reach the broker (the served one says `KAFKA_PUBLIC_BROKERS`). */
export const DOCUMENTED_BROKERS = 'kafka:9092';

/**
 * The public contracts as the code defines them, without a server: the gateway's module in Nest's
 * preview mode (its graph is resolved but no provider is instantiated, so no database or Kafka
 * connection is made and no port is opened), read by the same builder that serves /openapi.json.
 */
export async function buildContracts(): Promise<{ openapi: OpenAPIObject; asyncapi: ReturnType<typeof fulfilmentAsyncApi> }> {
  const env = loadEnv(GatewayEnv, {});
  const app = await NestFactory.create(GatewayModule.forRoot(env), { preview: true, logger: false, abortOnError: false });
  try {
    return { openapi: buildOpenApi(app), asyncapi: fulfilmentAsyncApi(DOCUMENTED_BROKERS) };
  } finally {
    await app.close();
  }
}
