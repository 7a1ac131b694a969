import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer } from 'kafkajs';
import { Topics } from '@app/contracts';
import { createKafka, LOW_LATENCY_CONSUMER } from '@app/messaging';
import { GATEWAY_ENV } from '../gateway.tokens';
import type { GatewayEnv } from '../gateway.env';
import { ProductCache } from './product-cache';

/** Product events (`catalog.product.*`) name the product as the message key. */
const PRODUCT_EVENT = 'catalog.product.';
/** A product's full state after a partner's, an operator's or a lot's change (not a reservation's stock move). */
const FULL_STATE_EVENTS = new Set(['catalog.product.updated.v1', 'catalog.product.published.v1']);

/**
 * Keeps `ProductCache` true to the catalog: consumes `catalog.events` from the log end, in a group
 * of its own per gateway process (every instance sees every event), and drops the cached answer of
 * each product an event names, and every kept search page on a product's full-state event. It reads only the key and the `ce_type` header, never the body.
 * Offsets are not committed: a process that rejoins starts from the log end with an empty cache.
 * In the in-process quick start (no broker) there is no cache.
 */
@Injectable()
export class ProductCacheProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProductCacheProjector.name);
  private consumer?: Consumer;

  constructor(
    readonly cache: ProductCache,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.TRANSPORT !== 'kafka' || this.env.PRODUCT_CACHE_SIZE === 0) return;
    const consumer = createKafka('gateway-product-cache', this.env.KAFKA_BROKERS).consumer({
      groupId: `gateway.product-cache.${this.env.SERVICE_INSTANCE}.${process.pid}.${Date.now().toString(36)}`,
      ...LOW_LATENCY_CONSUMER,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => this.cache.joinedGroup());
    consumer.on(consumer.events.FETCH, () => this.cache.fetched());
    for (const left of [consumer.events.REBALANCING, consumer.events.STOP, consumer.events.CRASH, consumer.events.DISCONNECT])
      consumer.on(left, () => this.cache.leftGroup());
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.catalogEvents], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const type = m.headers?.ce_type?.toString();
          if (m.key && type?.startsWith(PRODUCT_EVENT)) this.cache.changed(m.key.toString('utf8'));
          if (type && FULL_STATE_EVENTS.has(type)) this.cache.productChanged();
        }
        return Promise.resolve();
      },
    });
    this.logger.log(`product cache of ${this.env.PRODUCT_CACHE_SIZE} kept by ${Topics.catalogEvents}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
