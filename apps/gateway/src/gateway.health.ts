import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createKafka, probeKafka } from '@app/messaging';
import { HealthRegistry } from '@app/platform';
import type { GatewayEnv } from './gateway.env';
import { GATEWAY_ENV } from './gateway.tokens';

/** Readiness of the gateway: its database (registered by persistence) and the transport. */
@Injectable()
export class GatewayHealth implements OnModuleInit {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  onModuleInit(): void {
    if (this.env.TRANSPORT !== 'kafka') {
      this.health.register('transport', () => Promise.resolve({ transport: 'in-process' }));
      return;
    }
    const kafka = createKafka('gateway-health', this.env.KAFKA_BROKERS);
    this.health.register('kafka', () => probeKafka(kafka));
  }
}
