import 'reflect-metadata';
import { loadEnv } from '@app/platform';
import { GatewayEnv } from './gateway.env';
import { startGateway } from './gateway.app';

const start = async () => startGateway(loadEnv(GatewayEnv), { shutdownHooks: true });

start().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
