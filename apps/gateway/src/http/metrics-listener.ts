import type { Server } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { startMetricsServer } from '@app/platform';
import type { GatewayEnv } from '../gateway.env';
import { GATEWAY_ENV } from '../gateway.tokens';

/** The gateway's /metrics on METRICS_PORT, beside (never on) the public port. */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(@Inject(GATEWAY_ENV) private readonly env: GatewayEnv) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.METRICS_PORT) this.server = await startMetricsServer(this.env.METRICS_PORT);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
