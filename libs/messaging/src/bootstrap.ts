import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { Logger as PinoLogger } from 'nestjs-pino';
import { HealthRegistry, loadEnv, type ServiceEnv } from '@app/platform';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { RpcService } from '@app/contracts';
import { awaitStableGroup } from './rpc/await-group';
import { InProcessRpcServer } from './rpc/in-process-rpc';
import { kafkaRpcServer } from './rpc/kafka-rpc-options';
import { KafkaRpcServer } from './rpc/kafka-rpc-server';

export interface StartServiceOptions {
  service: RpcService;
  env: ServiceEnv;
  /** HTTP port for /health and /metrics; 0 or undefined: no HTTP listener. */
  httpPort?: number;
  /** Handle SIGTERM/SIGINT (a standalone process); off when several apps share a process. */
  shutdownHooks?: boolean;
}

/**
 * Starts a service: its module (database migrated, topics ensured, consumers joined, outbox relay
 * running), then its request handlers on Kafka or in-process, then /health and /metrics.
 */
export async function startService(module: Type | DynamicModule, o: StartServiceOptions): Promise<INestApplication> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  if (o.shutdownHooks) app.enableShutdownHooks();
  await app.init();
  if (o.env.RPC_SERVER) {
    const rpc: MicroserviceOptions = {
      strategy:
        o.env.TRANSPORT === 'kafka'
          ? kafkaRpcServer(o.service, o.env.KAFKA_BROKERS, o.env.KAFKA_RPC_PARTITIONS, o.env.RPC_CONCURRENCY)
          : new InProcessRpcServer(),
    };
    app.connectMicroservice<MicroserviceOptions>(rpc);
    const server = rpc.strategy;
    // Ready only while a member of the request group with its partitions (issue 23).
    if (server instanceof KafkaRpcServer) app.get(HealthRegistry).register('rpc', () => server.membership());
    await app.startAllMicroservices();
  }
  if (o.env.TRANSPORT === 'kafka') {
    for (const ms of app.getMicroservices()) await awaitStableGroup(ms.unwrap<[Kafka, Consumer, Producer]>()[1]);
  }
  if (o.httpPort) await app.listen(o.httpPort, '0.0.0.0');
  return app;
}

/** A service process's `main`: validated environment, then startService; exits 1 naming what failed. */
export function runServiceMain<E extends ServiceEnv>(service: RpcService, Env: new () => E, module: (env: E) => DynamicModule): void {
  const start = async () => {
    const env = loadEnv(Env);
    await startService(module(env), { service, env, httpPort: env.HEALTH_PORT, shutdownHooks: true });
  };
  start().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
