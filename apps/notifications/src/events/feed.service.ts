import { Injectable } from '@nestjs/common';
import type { CallerIdentity, ListEventsRequest, Page, PublicEvent } from '@app/contracts';
import { decodeCursor, encodeCursor } from '@app/persistence';
import { ownerOf } from '../endpoints/owner';
import { PublicEventRepository } from './public-event.repository';

/** `GET /v1/events`: the caller's public events, the same ids and bodies as the deliveries, oldest first. */
@Injectable()
export class FeedService {
  constructor(private readonly events: PublicEventRepository) {}

  async list(caller: CallerIdentity, req: ListEventsRequest): Promise<Page<PublicEvent>> {
    const after = decodeCursor<{ p: number }>(req.after, ['p'])?.p ?? 0;
    const rows = await this.events.feed(ownerOf(caller), after, req.types, req.limit);
    const last = rows[rows.length - 1];
    // The cursor is always given: a poller resumes from it even after a short or empty page.
    return { items: rows.map((r) => r.body), nextCursor: encodeCursor({ p: last ? Number(last.position) : after }) };
  }
}
