import { Logger, type Provider } from '@nestjs/common';
import { ClientKafka, type ClientProxy } from '@nestjs/microservices';
import { ALL_RPC_PATTERNS } from '@app/contracts';
import { awaitStableGroup, InProcessRpcClient, kafkaRpcOptions } from '@app/messaging';
import type { GatewayEnv } from '../gateway.env';

export const RPC_CLIENT = Symbol('RPC_CLIENT');

/** What the gateway needs of a @nestjs/microservices client. */
export type RpcClient = Pick<ClientProxy, 'send' | 'close'>;

/** ClientKafka subscribed to every reply topic, or the in-process client of the quick start. */
export function rpcClientProvider(env: GatewayEnv): Provider {
  return {
    provide: RPC_CLIENT,
    useFactory: async (): Promise<RpcClient> => {
      if (env.TRANSPORT === 'in-process') return new InProcessRpcClient();
      const client = new ClientKafka(kafkaRpcOptions('gateway', env.KAFKA_BROKERS, env.KAFKA_RPC_PARTITIONS));
      for (const pattern of ALL_RPC_PATTERNS) client.subscribeToResponseOf(pattern);
      await client.connect();
      await awaitStableGroup(client.consumer);
      new Logger('RpcClient').log(`subscribed to ${ALL_RPC_PATTERNS.length} reply topics`);
      return client;
    },
  };
}
