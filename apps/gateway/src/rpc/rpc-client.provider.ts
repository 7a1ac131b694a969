import { Logger, type Provider } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import { RPC_REPLY_TOPIC } from '@app/contracts';
import { awaitStableGroup, InProcessRpcClient, KafkaRpcClient, kafkaRpcClientOptions } from '@app/messaging';
import type { GatewayEnv } from '../gateway.env';

export const RPC_CLIENT = Symbol('RPC_CLIENT');

/** What the gateway needs of a @nestjs/microservices client. */
export type RpcClient = Pick<ClientProxy, 'send' | 'close'>;

/** The Kafka request client (replies on one topic), or the in-process client of the quick start. */
export function rpcClientProvider(env: GatewayEnv): Provider {
  return {
    provide: RPC_CLIENT,
    useFactory: async (): Promise<RpcClient> => {
      if (env.TRANSPORT === 'in-process') return new InProcessRpcClient();
      const client = new KafkaRpcClient(kafkaRpcClientOptions(env.KAFKA_BROKERS, env.KAFKA_RPC_PARTITIONS, env.SERVICE_INSTANCE), {
        timeoutMs: env.RPC_TIMEOUT_MS,
        partitions: env.KAFKA_RPC_PARTITIONS,
        hedgeMs: env.RPC_HEDGE_MS,
      });
      await client.connect();
      await awaitStableGroup(client.consumer);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.firstFetch,
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the reply consumer fetched nothing in 30 s')), 30_000))),
      ]).finally(() => clearTimeout(timer));
      new Logger('RpcClient').log(`replies on ${RPC_REPLY_TOPIC}`);
      return client;
    },
  };
}
