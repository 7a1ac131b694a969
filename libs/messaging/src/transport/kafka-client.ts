import { Logger } from '@nestjs/common';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { instanceClientId } from './group-membership';
import { Kafka, logLevel, type ISocketFactory, type KafkaConfig, type LogEntry } from 'kafkajs';

const logger = new Logger('kafkajs');

/** Routes kafkajs's own log lines into the app's logger, warnings and errors only. */
function logCreator() {
  return ({ level, log }: LogEntry) => {
    const where = typeof log.broker === 'string' ? ` (broker ${log.broker})` : '';
    if (level === logLevel.ERROR) logger.error(`${log.message}${where}`);
    else if (level === logLevel.WARN) logger.warn(`${log.message}${where}`);
  };
}

export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/**
 * kafkajs's own socket factory with Nagle's algorithm off (TCP_NODELAY), as the Java clients and
 * the broker set it. With it on, a small request written while the previous one on the same
 * connection is still unacknowledged waits for the peer's delayed ACK — up to 40 ms on Linux —
 * and every request behind it waits too: unanswered produce requests (replies are sent with
 * acks 0) are never acknowledged by a response, only by that timer.
 */
export const noDelaySocketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tls.connect({ host, port, ...(!net.isIP(host) ? { servername: host } : {}), ...ssl }, onConnect)
    : net.connect({ host, port }, onConnect);
  socket.setNoDelay(true);
  socket.setKeepAlive(true, 60_000);
  return socket;
};

/**
 * kafkajs client settings shared by the event transport and request-reply. The client id names the
 * instance (`orders-rpc@orders-2`) when it has a stable name, so a restart can find what its
 * previous run left in the groups (group-membership.ts).
 */
export function kafkaClientConfig(clientId: string, brokers: string): KafkaConfig {
  return {
    clientId: instanceClientId(clientId),
    brokers: parseBrokers(brokers),
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 100, maxRetryTime: 5000, retries: 10 },
    socketFactory: noDelaySocketFactory,
  };
}

/** Readiness of a broker connection: the cluster answers a metadata request. */
export async function probeKafka(kafka: Kafka): Promise<Record<string, unknown>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  } finally {
    await admin.disconnect();
  }
}

export function createKafka(clientId: string, brokers: string): Kafka {
  return new Kafka(kafkaClientConfig(clientId, brokers));
}

/**
 * Consumer settings for a small cluster. A fetch returns as soon as one byte is there (minBytes 1),
 * so `maxWaitTimeInMs` only bounds how long an idle fetch waits: 50 ms made every idle consumer
 * poll 20 times a second, which cost the broker and each process more CPU than their traffic; a
 * message arriving during a long wait still completes the fetch at once. kafkajs heartbeats only
 * between batches, so on a starved 2-core machine a 10 s session expires under load ("coordinator
 * is not aware of this member") and every request times out during the rebalance that follows;
 * 30 s rides that out, at the price of noticing a dead instance later. A restarted instance does not
 * wait for it: it removes its previous run's members as it starts (group-membership.ts). The
 * heartbeat every second is what makes the other members of a group learn of that rebalance within
 * about a second (3 s before: a restart's rebalance took up to 3 s longer); a heartbeat is one
 * small request a second per consumer (ADR 0056).
 *
 * Event consumers use the same settings: waiting for fuller fetches (64 KiB or 40 ms) makes every
 * idle consumer poll 25 times a second across all its partitions, polling that competes with every
 * request, while under load the fetches fill by themselves as a batch is applied (ADR 0003 has the
 * measurements).
 */
export const LOW_LATENCY_CONSUMER = {
  maxWaitTimeInMs: 1000,
  sessionTimeout: 30000,
  heartbeatInterval: 1000,
  rebalanceTimeout: 60000,
  allowAutoTopicCreation: false,
} as const;
