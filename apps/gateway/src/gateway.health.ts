import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createKafka, probeKafka } from '@app/messaging';
import { HealthRegistry } from '@app/platform';
import type { GatewayEnv } from './gateway.env';
import { GATEWAY_ENV } from './gateway.tokens';

/**
 * Readiness of the gateway: its database (registered by persistence), the transport, and not
 * draining. On SIGTERM the gateway drains for SHUTDOWN_DRAIN_MS before it stops listening: ready
 * turns false (a load balancer stops sending), and every answer meanwhile says `Connection: close`
 * so no client keeps a connection that is about to go away; then the listener closes, the requests
 * still running finish, and the RPC client closes last (ADR 0056).
 */
@Injectable()
export class GatewayHealth implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(GatewayHealth.name);
  draining = false;

  constructor(
    private readonly health: HealthRegistry,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  onModuleInit(): void {
    this.health.register('accepting', () => (this.draining ? Promise.reject(new Error('draining before shutdown')) : Promise.resolve()));
    if (this.env.TRANSPORT !== 'kafka') {
      this.health.register('transport', () => Promise.resolve({ transport: 'in-process' }));
      return;
    }
    const kafka = createKafka('gateway-health', this.env.KAFKA_BROKERS);
    this.health.register('kafka', () => probeKafka(kafka));
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    // app.close() without a signal (tests, the quick start's own stop) does not wait.
    if (!signal || this.env.SHUTDOWN_DRAIN_MS <= 0) return;
    this.draining = true;
    this.logger.log(`${signal}: draining for ${this.env.SHUTDOWN_DRAIN_MS} ms before closing the listener`);
    await sleep(this.env.SHUTDOWN_DRAIN_MS);
  }
}
