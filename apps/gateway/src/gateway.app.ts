import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { answerClientErrorsAsProblems, httpMetrics } from '@app/platform';
import type { GatewayEnv } from './gateway.env';
import { GatewayHealth } from './gateway.health';
import { GatewayModule } from './gateway.module';
import { serveOpenApi } from './openapi/openapi';

/** Builds and starts the gateway on `env.PORT` (0: any free port). */
export async function startGateway(env: GatewayEnv, o: { shutdownHooks?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(env), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(PinoLogger));
  app.disable('x-powered-by');
  app.use(httpMetrics());
  // On every answer, the public trace page's HTML included: no MIME sniffing, no referrer to other
  // sites, no framing by them.
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  // Draining before a shutdown: no connection is kept for a next request (GatewayHealth).
  const health = app.get(GatewayHealth);
  app.use((_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    if (health.draining) res.setHeader('Connection', 'close');
    next();
  });
  app.set('trust proxy', 'loopback');
  // JSON and JSON-LD (EPCIS documents are application/ld+json).
  app.useBodyParser('json', { limit: env.BODY_LIMIT_BYTES, type: ['application/json', 'application/ld+json', 'application/*+json'] });
  // CSV bodies are read into memory (up to the limit) except remittance statements, which the
  // settlement controller streams: a 400,000-line statement is never held whole.
  app.useBodyParser('text', {
    limit: env.BODY_LIMIT_BYTES,
    type: (req) => /^text\/csv\b/i.test(req.headers['content-type'] ?? '') && !/^\/v1\/remittances\/?(\?|$)/.test(req.url ?? ''),
  });
  if (o.shutdownHooks) app.enableShutdownHooks();
  serveOpenApi(app);
  const server: Server = app.getHttpServer();
  answerClientErrorsAsProblems(server);
  server.keepAliveTimeout = env.HTTP_KEEP_ALIVE_MS;
  // Headers must be allowed to take longer than the keep-alive wait, or Node ends such a socket early.
  server.headersTimeout = env.HTTP_KEEP_ALIVE_MS + 1000;
  await app.listen(env.PORT, '0.0.0.0');
  return app;
}
