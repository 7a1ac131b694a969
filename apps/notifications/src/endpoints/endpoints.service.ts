import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import type {
  CallerIdentity,
  CreateWebhookEndpointRequest,
  DeliveryAttemptView,
  EventOwner,
  ListDeliveriesRequest,
  Page,
  PageRequest,
  ReplayRequest,
  TestDeliveryRequest,
  UpdateWebhookEndpointRequest,
  WebhookEndpointView,
  WebhookEndpointWithSecret,
} from '@app/contracts';
import { toPage } from '@app/persistence';
import { NotFoundError, toVietnamIso, ValidationFailedError } from '@app/platform';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { PublicEventPublisher } from '../events/public-event.publisher';
import { PublicEventRepository } from '../events/public-event.repository';
import { SAMPLE_DATA } from '../events/samples';
import type { NotificationsEnv } from '../notifications.env';
import { NOTIFICATIONS_ENV } from '../notifications.tokens';
import { EndpointRepository } from './endpoint.repository';
import { disableEndpoint, enableEndpoint } from './endpoint-state';
import { assertWebhookUrl } from './endpoint-url';
import { ownerOf } from './owner';
import { newWebhookSecret, SecretBox } from './secret-box';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** How long a rotated-out secret keeps signing, so receivers can switch without losing a delivery. */
export const PREVIOUS_SECRET_TTL_MS = 24 * 3600 * 1000;

export function endpointView(e: WebhookEndpoint): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    eventTypes: e.eventTypes,
    description: e.description,
    status: e.status,
    disabledReason: e.disabledReason,
    createdAt: toVietnamIso(e.createdAt),
    updatedAt: toVietnamIso(e.updatedAt),
  };
}

/** Webhook endpoints of one owner: register, change, rotate, test, log, replay. Another owner's endpoint is 404. */
@Injectable()
export class EndpointsService {
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    private readonly endpoints: EndpointRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly events: PublicEventRepository,
    private readonly publisher: PublicEventPublisher,
    @Inject(NOTIFICATIONS_ENV) private readonly env: NotificationsEnv,
  ) {
    this.box = new SecretBox(env.WEBHOOK_SECRET_KEY);
  }

  async create(caller: CallerIdentity, req: CreateWebhookEndpointRequest): Promise<WebhookEndpointWithSecret> {
    const owner = ownerOf(caller);
    const url = await this.checkUrl(req.url);
    const secret = newWebhookSecret();
    const e = Object.assign(new WebhookEndpoint(), {
      id: uuidv7(),
      ownerRole: owner.role,
      ownerId: owner.id,
      url,
      eventTypes: [...new Set(req.eventTypes)],
      description: req.description ?? null,
      status: 'enabled' as const,
      disabledReason: null,
      secretEnc: this.box.seal(secret),
      previousSecretEnc: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      createdAt: new Date(),
    });
    return { ...endpointView(await this.endpoints.save(e)), secret };
  }

  async list(caller: CallerIdentity, page: PageRequest): Promise<Page<WebhookEndpointView>> {
    const rows = await this.endpoints.list(ownerOf(caller), page);
    return toPage(rows, page.limit, endpointView, (e) => ({ id: e.id }));
  }

  async get(caller: CallerIdentity, id: string): Promise<WebhookEndpointView> {
    return endpointView(await this.load(ownerOf(caller), id));
  }

  async update(caller: CallerIdentity, req: UpdateWebhookEndpointRequest): Promise<WebhookEndpointView> {
    const e = await this.load(ownerOf(caller), req.id);
    if (req.url !== undefined) e.url = await this.checkUrl(req.url);
    if (req.eventTypes !== undefined) e.eventTypes = [...new Set(req.eventTypes)];
    if (req.description !== undefined) e.description = req.description;
    return this.dataSource.transaction(async (m) => {
      if (req.status === 'enabled' && e.status === 'disabled') enableEndpoint(e);
      if (req.status === 'disabled' && e.status === 'enabled') {
        disableEndpoint(e, 'by_owner');
        await this.deliveries.moveAllOfEndpoint(m, e.id, 'fail');
      }
      return endpointView(await this.endpoints.save(e, m));
    });
  }

  async delete(caller: CallerIdentity, id: string): Promise<{ deleted: true }> {
    const e = await this.load(ownerOf(caller), id);
    await this.endpoints.delete(e.id);
    return { deleted: true };
  }

  /** A new secret; the old one keeps signing for 24 h (both signatures on every delivery). */
  async rotate(caller: CallerIdentity, id: string): Promise<WebhookEndpointWithSecret> {
    const e = await this.load(ownerOf(caller), id);
    const secret = newWebhookSecret();
    Object.assign(e, {
      previousSecretEnc: e.secretEnc,
      previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_TTL_MS),
      secretEnc: this.box.seal(secret),
    });
    return { ...endpointView(await this.endpoints.save(e)), secret };
  }

  async test(caller: CallerIdentity, req: TestDeliveryRequest): Promise<{ eventId: string }> {
    const owner = ownerOf(caller);
    const e = await this.load(owner, req.id);
    const type = req.type ?? 'webhook.test';
    const eventId = await this.dataSource.transaction((m) =>
      this.publisher.publishTest(m, owner, e.id, type, { ...SAMPLE_DATA[type], test: true }),
    );
    return { eventId };
  }

  async deliveriesOf(caller: CallerIdentity, req: ListDeliveriesRequest): Promise<Page<DeliveryAttemptView>> {
    const e = await this.load(ownerOf(caller), req.id);
    const rows = await this.deliveries.log(e.id, req.limit, req.cursor);
    return toPage(
      rows,
      req.limit,
      (r) => ({
        eventId: r.event_id,
        type: r.type,
        attempt: r.attempt,
        status: r.status,
        httpStatus: r.http_status,
        durationMs: r.duration_ms,
        responseSnippet: r.response_snippet,
        error: r.error,
        attemptedAt: r.attempted_at ? toVietnamIso(r.attempted_at) : null,
        nextAttemptAt: r.next_attempt_at ? toVietnamIso(r.next_attempt_at) : null,
      }),
      (r) => ({ id: r.id }),
    );
  }

  /** Re-queues the endpoint's events (of its types) created in [since, until): sent again now. */
  async replay(caller: CallerIdentity, req: ReplayRequest): Promise<{ requeued: number }> {
    const owner = ownerOf(caller);
    const e = await this.load(owner, req.id);
    const since = new Date(req.since);
    const until = req.until ? new Date(req.until) : new Date();
    if (!(since < until)) throw new ValidationFailedError([{ field: 'since', message: 'must be before until' }]);
    const ids = await this.events.idsInRange(owner, e.eventTypes, since, until);
    return { requeued: await this.deliveries.requeue(e.id, ids, req.onlyFailed ?? false) };
  }

  private async load(owner: EventOwner, id: string): Promise<WebhookEndpoint> {
    const e = isUuid(id) ? await this.endpoints.find(owner, id) : null;
    if (!e) throw new NotFoundError('Webhook endpoint', id, 'điểm nhận webhook');
    return e;
  }

  private checkUrl(url: string): Promise<string> {
    return assertWebhookUrl(url, { production: this.env.NODE_ENV === 'production', allowPrivate: this.env.WEBHOOK_ALLOW_PRIVATE_TARGETS });
  }
}
