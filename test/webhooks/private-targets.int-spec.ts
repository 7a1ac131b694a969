import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnv, ValidationFailedError } from '@app/platform';
import { EndpointsService } from '../../apps/notifications/src/endpoints/endpoints.service';
import { NotificationsEnv } from '../../apps/notifications/src/notifications.env';
import { NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { runId } from '../support/infra';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * Without `WEBHOOK_ALLOW_PRIVATE_TARGETS` (its default, and production's), the notifications
 * service refuses to register a URL that reaches loopback, private, link-local or metadata
 * addresses — a real receiver listening on 127.0.0.1 included — with 422 naming `url`, and stores
 * nothing. (The test cluster runs with the flag on, so its receivers on loopback can be reached.)
 */
describe('webhook targets on private addresses', () => {
  let app: INestApplication;
  const partner = { keyId: 'partner-key-private-targets', role: 'partner' as const, partnerId: 'partner-private-targets' };

  beforeAll(async () => {
    const env = loadEnv(NotificationsEnv, {
      DATABASE_URL: process.env.DATABASE_URL,
      DB_NAME_PREFIX: `${runId()}_pt`,
      TRANSPORT: 'in-process',
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false',
    });
    app = await NestFactory.create(NotificationsModule.forRoot(env), { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('refuses loopback (a live receiver too), private, link-local and metadata URLs with 422 naming url', async () => {
    const receiver = await new WebhookReceiver().start();
    try {
      const endpoints = app.get(EndpointsService);
      for (const url of [
        receiver.url,
        'http://localhost:8080/hook',
        'http://[::1]/hook',
        'http://10.1.2.3/hook',
        'http://172.16.0.9/hook',
        'http://192.168.1.20/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://100.64.0.1/hook',
        'http://0.0.0.0/hook',
      ]) {
        const refused = await endpoints.create(partner, { url, eventTypes: ['order.created'] }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect({ url, refused: refused instanceof ValidationFailedError }).toEqual({ url, refused: true });
        expect((refused as ValidationFailedError).toProblem().errors?.map((f) => f.field)).toEqual(['url']);
      }
      expect((await endpoints.list(partner, { limit: 100 })).items).toEqual([]);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.stop();
    }
  });
});
