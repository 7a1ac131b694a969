import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { RpcService } from '@app/contracts';
import { startService } from '@app/messaging';
import { loadEnv, type ServiceEnv } from '@app/platform';
import { CatalogEnv } from '../../apps/catalog/src/catalog.env';
import { CATALOG, CatalogModule } from '../../apps/catalog/src/catalog.module';
import { GatewayEnv } from '../../apps/gateway/src/gateway.env';
import { startGateway } from '../../apps/gateway/src/gateway.app';
import { NotificationsEnv } from '../../apps/notifications/src/notifications.env';
import { NOTIFICATIONS, NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { OrdersEnv } from '../../apps/orders/src/orders.env';
import { ORDERS, OrdersModule } from '../../apps/orders/src/orders.module';
import { SettlementEnv } from '../../apps/settlement/src/settlement.env';
import { SETTLEMENT, SettlementModule } from '../../apps/settlement/src/settlement.module';
import { TraceabilityEnv } from '../../apps/traceability/src/traceability.env';
import { TRACEABILITY, TraceabilityModule } from '../../apps/traceability/src/traceability.module';

/**
 * The quick start's composition root (not an app): every app in this one process, the same
 * modules, handlers, outbox and inbox as in the cluster, over the in-process transport.
 * Services listen on no HTTP port of their own; the gateway's /health covers the process.
 */
export async function startQuickstart(env: NodeJS.ProcessEnv = process.env): Promise<{ apps: INestApplication[]; close(): Promise<void> }> {
  // Webhook receivers of a developer's machine are on it (loopback): allowed unless said otherwise.
  const base = { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', ...env, TRANSPORT: 'in-process', HEALTH_PORT: '0' };
  const apps: INestApplication[] = [];
  const start = <E extends ServiceEnv>(service: RpcService, Env: new () => E, module: (e: E) => DynamicModule) => {
    const e = loadEnv(Env, base);
    return startService(module(e), { service, env: e });
  };
  // Services start side by side (each has its own database); the gateway last, when they answer.
  apps.push(
    ...(await Promise.all([
      start(CATALOG, CatalogEnv, (e) => CatalogModule.forRoot(e)),
      start(ORDERS, OrdersEnv, (e) => OrdersModule.forRoot(e)),
      start(TRACEABILITY, TraceabilityEnv, (e) => TraceabilityModule.forRoot(e)),
      start(SETTLEMENT, SettlementEnv, (e) => SettlementModule.forRoot(e)),
      start(NOTIFICATIONS, NotificationsEnv, (e) => NotificationsModule.forRoot(e)),
    ])),
  );
  apps.push(await startGateway(loadEnv(GatewayEnv, base)));
  return {
    apps,
    close: async () => {
      for (const app of apps.reverse()) await app.close();
    },
  };
}
