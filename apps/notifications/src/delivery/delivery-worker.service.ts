import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { counter, histogram, polledGauge } from '@app/platform';
import { EndpointRepository } from '../endpoints/endpoint.repository';
import type { DisabledReason } from '../endpoints/endpoint-state';
import { SecretBox } from '../endpoints/secret-box';
import { PublicEventRepository } from '../events/public-event.repository';
import type { NotificationsEnv } from '../notifications.env';
import { NOTIFICATIONS_ENV } from '../notifications.tokens';
import { DeliveryRepository, type ClaimedDelivery } from './delivery.repository';
import { RetryPolicy, retryAfterMs } from './retry-policy';
import { signWebhook } from './signature';
import { WebhookSender, type SendOutcome } from './webhook-sender';

/** How often old events are purged (the feed keeps EVENT_RETENTION_DAYS). */
const PURGE_EVERY_MS = 3600 * 1000;
/** A claimed delivery is due again this long after its request's deadline if nobody recorded an outcome (the process died). */
const LEASE_MARGIN_MS = 5000;
/** How long a stopping process lets requests in flight finish. */
const SHUTDOWN_GRACE_MS = 2000;

/**
 * Sends due deliveries. Each instance claims rows with SKIP LOCKED (two instances never send the
 * same attempt), keeps at most WEBHOOK_ENDPOINT_CONCURRENCY requests in flight per endpoint and
 * WEBHOOK_MAX_IN_FLIGHT in all, and never waits for one request before starting another: a slow
 * or dead endpoint holds only its own slots. Woken by NOTIFY when deliveries are queued, else polls.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly sent = counter('webhook_attempts_total', 'Webhook delivery attempts', ['outcome']);
  private readonly lag = histogram(
    'webhook_delivery_lag_seconds',
    'From the public event to a successful first attempt',
    [],
    [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  private readonly failed = counter('webhook_deliveries_failed_total', 'Deliveries given up: retries exhausted or endpoint disabled', [
    'reason',
  ]);
  private readonly box: SecretBox;
  private readonly policy: RetryPolicy;
  private readonly sender: WebhookSender;
  private readonly inFlight = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private total = 0;
  private stopped = true;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** Set when woken while not asleep: the next sleep returns at once. */
  private woken = false;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly endpoints: EndpointRepository,
    private readonly events: PublicEventRepository,
    @Inject(NOTIFICATIONS_ENV) private readonly env: NotificationsEnv,
  ) {
    this.box = new SecretBox(env.WEBHOOK_SECRET_KEY);
    this.policy = RetryPolicy.parse(env.WEBHOOK_RETRY_SCHEDULE_MS);
    this.sender = new WebhookSender({
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
      maxSocketsPerEndpoint: env.WEBHOOK_ENDPOINT_CONCURRENCY,
    });
  }

  onApplicationBootstrap(): void {
    // Every instance reports the same backlog (one database): aggregate with max, not sum.
    const backlog = () => this.deliveries.dueBacklog();
    polledGauge('webhook_deliveries_due', 'Deliveries due now and not yet sent (enabled endpoints)', []).set('notifications', async () => [
      { labels: {}, value: (await backlog()).due },
    ]);
    polledGauge('webhook_oldest_due_age_seconds', 'How long the oldest due delivery has waited to be sent (0 when none)', []).set(
      'notifications',
      async () => [{ labels: {}, value: (await backlog()).oldestDueSeconds }],
    );
    this.stopped = false;
    void this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.loop;
    // Requests still waiting after a short grace are cut; their deliveries come due again when
    // their lease ends (sent again, same webhook-id), so nothing is recorded for them now.
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref())]);
    this.sender.close();
    await Promise.allSettled([...this.running]);
    await this.deliveries.unlisten();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const room = this.env.WEBHOOK_MAX_IN_FLIGHT - this.total;
        const claimed =
          room > 0
            ? await this.deliveries.claim(
                room,
                this.env.WEBHOOK_ENDPOINT_CONCURRENCY,
                this.inFlight,
                this.env.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS,
              )
            : [];
        for (const c of claimed) this.start(c);
        await this.purgeOld();
        if (claimed.length > 0 && claimed.length >= room) continue;
        await this.sleep(this.env.WEBHOOK_POLL_MS);
      } catch (e) {
        this.logger.warn({ err: e }, 'claiming deliveries failed; retrying');
        await this.sleep(1000);
      }
    }
  }

  private start(c: ClaimedDelivery): void {
    const endpointId = c.delivery.endpointId;
    this.inFlight.set(endpointId, (this.inFlight.get(endpointId) ?? 0) + 1);
    this.total += 1;
    const p = this.deliver(c)
      .catch((e: unknown) =>
        this.logger.error({ err: e, deliveryId: c.delivery.id, endpointId }, 'delivery failed to record; it is retried after its lease'),
      )
      .finally(() => {
        const n = (this.inFlight.get(endpointId) ?? 1) - 1;
        if (n === 0) this.inFlight.delete(endpointId);
        else this.inFlight.set(endpointId, n);
        this.total -= 1;
        this.running.delete(p);
        // A slot is free: there may be more due for this endpoint.
        this.poke();
      });
    this.running.add(p);
  }

  private async deliver(c: ClaimedDelivery): Promise<void> {
    const body = JSON.stringify(c.body);
    const timestamp = Math.floor(Date.now() / 1000);
    const secrets = [this.box.open(c.secretEnc)];
    if (c.previousSecretEnc && c.previousSecretExpiresAt && c.previousSecretExpiresAt.getTime() > Date.now()) {
      secrets.push(this.box.open(c.previousSecretEnc));
    }
    const outcome = await this.sender.send({
      endpointId: c.delivery.endpointId,
      url: c.url,
      body,
      headers: {
        'webhook-id': c.body.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secrets, c.body.id, timestamp, body),
        'user-agent': 'nongsan-webhooks/1',
      },
    });
    // Cut by a shutdown: not an answer of the receiver; the lease brings the delivery back.
    if (this.stopped && outcome.httpStatus === null) return;
    await this.record(c, outcome);
  }

  /** The attempt's outcome, in one transaction: the log row, the delivery's transition, the endpoint's health. */
  private async record(c: ClaimedDelivery, o: SendOutcome): Promise<void> {
    const d = c.delivery;
    const now = new Date();
    const ok = o.httpStatus !== null && o.httpStatus >= 200 && o.httpStatus < 300;
    this.sent.inc({ outcome: ok ? 'succeeded' : o.httpStatus === null ? 'no_answer' : `http_${Math.floor(o.httpStatus / 100)}xx` });
    const attempt = {
      status: ok ? ('succeeded' as const) : ('failed' as const),
      httpStatus: o.httpStatus,
      durationMs: o.durationMs,
      responseSnippet: o.snippet,
      error: o.error,
      attemptedAt: now,
    };
    if (ok) {
      await this.deliveries.recordSuccess(d, attempt);
      if (d.attempts === 1) this.lag.observe((now.getTime() - Date.parse(c.body.timestamp)) / 1000);
      return;
    }
    await this.dataSource.transaction(async (m) => {
      if (o.httpStatus === 410) return this.disable(m, c, 'gone', attempt);
      const failingSince = await this.endpoints.recordFailure(m, d.endpointId, now);
      if (failingSince && now.getTime() - new Date(failingSince).getTime() >= this.env.WEBHOOK_DISABLE_AFTER_MS) {
        return this.disable(m, c, 'failing', attempt);
      }
      const next = this.policy.afterFailure(d.attempts, now.getTime(), retryAfterMs(o.retryAfter, now.getTime()));
      if ('giveUp' in next) {
        await this.deliveries.recordAttempt(m, d, 'fail', null, attempt);
        this.failed.inc({ reason: 'retries_exhausted' });
      } else await this.deliveries.recordAttempt(m, d, 'scheduleRetry', next.retryAt, attempt);
    });
  }

  private async disable(
    m: import('typeorm').EntityManager,
    c: ClaimedDelivery,
    reason: DisabledReason,
    attempt: Parameters<DeliveryRepository['recordAttempt']>[4],
  ): Promise<void> {
    await this.deliveries.recordAttempt(m, c.delivery, 'fail', null, attempt);
    await this.endpoints.disable(m, c.delivery.endpointId, reason);
    await this.deliveries.moveAllOfEndpoint(m, c.delivery.endpointId, 'fail');
    this.failed.inc({ reason: `endpoint_${reason}` });
    this.logger.warn({ endpointId: c.delivery.endpointId, reason }, 'webhook endpoint disabled');
  }

  private async purgeOld(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    const n = await this.events.purge(new Date(Date.now() - this.env.EVENT_RETENTION_DAYS * 86400000));
    if (n > 0) this.logger.log({ purged: n }, 'old public events purged');
  }

  private poke(): void {
    this.woken = true;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.woken = false;
        this.wake = undefined;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private listen(): Promise<void> {
    return this.deliveries.listen(
      () => this.poke(),
      () => this.stopped,
      (e) => this.logger.warn({ err: e }, 'delivery LISTEN connection failed; polling until it is back'),
    );
  }
}
