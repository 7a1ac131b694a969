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
    // A group with committed offsets resumes from them either way. A brand-new group (a fresh
    // broker, or a new deployment) starting at the log end would skip requests produced before
    // its first position was resolved — the first call after a fresh start timed out; from the
    // beginning it reads them. Replies nobody waits for any more are dropped by the client.
    subscribe: { fromBeginning: true },
  };
}

export function kafkaRpcServerOptions(service: string, brokers: string, concurrency = 12): KafkaOptions {
  return { transport: Transport.KAFKA, options: kafkaRpcOptions(service, brokers, concurrency) };
}
