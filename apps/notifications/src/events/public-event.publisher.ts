import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { EventOwner, PublicEvent, PublicEventType } from '@app/contracts';
import { toVietnamIso } from '@app/platform';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { EndpointRepository } from '../endpoints/endpoint.repository';
import { PublicEventRepository } from './public-event.repository';

/** One public event and who receives it (each owner gets its own id and its own `data`). */
export interface PublicEventDraft {
  type: PublicEventType;
  /** When it happened. */
  at: string | Date;
  /** The resource whose `data.sequence` it advances, e.g. `order:<id>`. */
  resource: string;
  to: { owner: EventOwner; data: Record<string, unknown> }[];
}

/**
 * Turns a domain event into stored public events — the feed — and queues a delivery to every
 * enabled endpoint of each owner that wants the type, all in the inbox transaction of the domain
 * event: stored, sequenced and queued once, or not at all.
 */
@Injectable()
export class PublicEventPublisher {
  constructor(
    private readonly events: PublicEventRepository,
    private readonly endpoints: EndpointRepository,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async publish(manager: EntityManager, sourceEventId: string, draft: PublicEventDraft): Promise<void> {
    if (draft.to.length === 0) return;
    const sequence = await this.events.nextSequence(manager, draft.resource);
    const timestamp = toVietnamIso(new Date(draft.at));
    // One owner once, even when several sub-orders make it a recipient twice.
    const seen = new Set<string>();
    for (const { owner, data } of draft.to) {
      const key = `${owner.role}:${owner.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const id = uuidv7();
      const body: PublicEvent = { id, type: draft.type, timestamp, data: { ...data, sequence } };
      const stored = await this.events.insert(manager, {
        id,
        ownerRole: owner.role,
        ownerId: owner.id,
        type: draft.type,
        sourceEventId,
        body,
      });
      if (!stored) continue;
      const endpointIds = await this.endpoints.matching(manager, owner, draft.type);
      await this.deliveries.createFor(manager, id, endpointIds);
    }
  }

  /** A test delivery: a stored event of `type` with sample data, queued to this one endpoint only. */
  async publishTest(manager: EntityManager, owner: EventOwner, endpointId: string, type: PublicEventType, data: Record<string, unknown>) {
    const id = uuidv7();
    const body: PublicEvent = { id, type, timestamp: toVietnamIso(new Date()), data: { ...data, sequence: 0 } };
    await this.events.insert(manager, { id, ownerRole: owner.role, ownerId: owner.id, type, sourceEventId: `test:${id}`, body });
    await this.deliveries.createFor(manager, id, [endpointId]);
    return id;
  }
}
