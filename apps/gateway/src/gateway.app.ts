import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { GatewayEnv } from './gateway.env';
import { GatewayModule } from './gateway.module';
import { serveOpenApi } from './openapi/openapi';

/** Builds and starts the gateway on `env.PORT` (0: any free port). */
export async function startGateway(env: GatewayEnv, o: { shutdownHooks?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(env), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(PinoLogger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.useBodyParser('json', { limit: env.BODY_LIMIT_BYTES });
  app.useBodyParser('text', { limit: env.BODY_LIMIT_BYTES, type: 'text/csv' });
  if (o.shutdownHooks) app.enableShutdownHooks();
  serveOpenApi(app);
  await app.listen(env.PORT, '0.0.0.0');
  return app;
}
