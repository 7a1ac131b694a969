import { Transport, type KafkaOptions } from '@nestjs/microservices';
import { kafkaClientConfig, LOW_LATENCY_CONSUMER } from '../transport/kafka-client';

/**
 * @nestjs/microservices Kafka options for request-reply, tuned for latency. Each service has its
 * own group id (`<service>.rpc`, Nest adds `-server` / `-client`).
 */
export function kafkaRpcOptions(service: string, brokers: string, concurrency = 12): NonNullable<KafkaOptions['options']> {
  return {
    client: kafkaClientConfig(`${service}-rpc`, brokers),
    consumer: { groupId: `${service}.rpc`, ...LOW_LATENCY_CONSUMER },
    producer: { allowAutoTopicCreation: false },
    // Requests are handled one at a time per partition; partitions in parallel is the concurrency.
    run: { partitionsConsumedConcurrently: concurrency },
    subscribe: { fromBeginning: false },
  };
}

export function kafkaRpcServerOptions(service: string, brokers: string, concurrency = 12): KafkaOptions {
  return { transport: Transport.KAFKA, options: kafkaRpcOptions(service, brokers, concurrency) };
}
