import type { KafkaOptions } from '@nestjs/microservices';
import type { RpcService } from '@app/contracts';
import { kafkaClientConfig, LOW_LATENCY_CONSUMER } from '../transport/kafka-client';
import { KafkaRpcServer } from './kafka-rpc-server';
import { replyPartitionAssigner } from './reply-partition';

/**
 * @nestjs/microservices Kafka options for request-reply, tuned for latency. Each service has its
 * own group id (`<service>.rpc`, Nest adds `-server` / `-client`).
 */
export function kafkaRpcOptions(service: string, brokers: string, partitions: number): NonNullable<KafkaOptions['options']> {
  return {
    client: kafkaClientConfig(`${service}-rpc`, brokers),
    consumer: { groupId: `${service}.rpc`, ...LOW_LATENCY_CONSUMER },
    producer: { allowAutoTopicCreation: false },
    run: { partitionsConsumedConcurrently: partitions },
    // A group with committed offsets resumes from them either way. A brand-new group (a fresh
    // broker, or a new deployment) starting at the log end would skip requests produced before
    // its first position is resolved, and the first calls after a fresh start would time out;
    // from the beginning it reads them. Requests past their deadline are skipped, not answered.
    subscribe: { fromBeginning: true },
  };
}

/** The request server of a service: its topic `<service>.rpc`, `concurrency` requests at once. */
export function kafkaRpcServer(service: RpcService, brokers: string, partitions: number, concurrency: number): KafkaRpcServer {
  return new KafkaRpcServer(kafkaRpcOptions(service, brokers, partitions), { service, partitions, concurrency });
}

type NestPartitionAssigner = NonNullable<NonNullable<NonNullable<KafkaOptions['options']>['consumer']>['partitionAssigners']>[number];

/**
 * The gateway's request client: replies are read in a group of this instance alone
 * (`gateway.rpc.<instance>-client`), one partition of the reply topic (reply-partition.ts). A new
 * group starts at the end of the topic: replies sent before it existed are nobody's.
 */
export function kafkaRpcClientOptions(brokers: string, partitions: number, instance: string): NonNullable<KafkaOptions['options']> {
  const shared = kafkaRpcOptions('gateway', brokers, partitions);
  return {
    ...shared,
    consumer: {
      ...shared.consumer,
      groupId: `gateway.rpc.${instance}`,
      partitionAssigners: [
        // @nestjs/microservices types kafkajs with its own copy of the interfaces; the same function.
        replyPartitionAssigner(instance) as unknown as NestPartitionAssigner,
      ],
    },
    subscribe: { fromBeginning: false },
  };
}
