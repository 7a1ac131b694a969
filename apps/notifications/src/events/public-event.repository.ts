import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventOwner, PublicEvent, PublicEventType } from '@app/contracts';
import { OrderRoute } from './order-route.entity';
import type { PublicEventRecord } from './public-event.entity';

@Injectable()
export class PublicEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The next `data.sequence` of a resource, counted in the caller's transaction. */
  async nextSequence(manager: EntityManager, resource: string): Promise<number> {
    const rows = await manager.query<{ value: string }[]>(
      `INSERT INTO resource_sequences (resource, value) VALUES ($1, 1)
       ON CONFLICT (resource) DO UPDATE SET value = resource_sequences.value + 1 RETURNING value`,
      [resource],
    );
    return Number(rows[0].value);
  }

  /**
   * Stores an event for one owner at the owner's next feed position; false when that source event
   * was already stored for it (the position is then not taken).
   */
  async insert(
    manager: EntityManager,
    e: Pick<PublicEventRecord, 'id' | 'ownerRole' | 'ownerId' | 'type' | 'sourceEventId' | 'body'>,
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH next AS (
         INSERT INTO feed_positions (owner_role, owner_id, value) VALUES ($2, $3, 1)
         ON CONFLICT (owner_role, owner_id) DO UPDATE SET value = feed_positions.value + 1
         WHERE NOT EXISTS (SELECT 1 FROM public_events WHERE source_event_id = $5 AND owner_role = $2 AND owner_id = $3)
         RETURNING value)
       INSERT INTO public_events (id, owner_role, owner_id, type, source_event_id, body, position)
       SELECT $1, $2, $3, $4, $5, $6, next.value FROM next
       ON CONFLICT (source_event_id, owner_role, owner_id) DO NOTHING RETURNING id`,
      [e.id, e.ownerRole, e.ownerId, e.type, e.sourceEventId, JSON.stringify(e.body)],
    );
    return rows.length > 0;
  }

  /** The owner's events after feed position `after`, in position order (see FeedPositionRecord). */
  async feed(owner: EventOwner, after: number, types: PublicEventType[] | undefined, limit: number) {
    const params: unknown[] = [owner.role, owner.id, after, limit];
    let where = `owner_role = $1 AND owner_id = $2 AND position > $3`;
    if (types && types.length > 0) {
      params.push(types);
      where += ` AND type = ANY($5)`;
    } else {
      where += ` AND type <> 'webhook.test'`;
    }
    return this.dataSource.query<{ position: string; body: PublicEvent }[]>(
      `SELECT position, body FROM public_events WHERE ${where} ORDER BY position LIMIT $4`,
      params,
    );
  }

  /** Ids of the owner's events of `types` created in [since, until). */
  async idsInRange(owner: EventOwner, types: string[], since: Date, until: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM public_events
        WHERE owner_role = $1 AND owner_id = $2 AND type = ANY($3) AND created_at >= $4 AND created_at < $5
        ORDER BY position`,
      [owner.role, owner.id, types, since, until],
    );
    return rows.map((r) => r.id);
  }

  route(manager: EntityManager, orderId: string): Promise<OrderRoute | null> {
    return manager.getRepository(OrderRoute).findOneBy({ orderId });
  }

  async saveRoute(manager: EntityManager, r: OrderRoute): Promise<void> {
    await manager.getRepository(OrderRoute).upsert(r, ['orderId']);
  }

  /** Records a product as suspended; false when it already was (nothing to announce). */
  async markSuspended(manager: EntityManager, productId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO suspended_products (product_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING product_id`,
      [productId],
    );
    return rows.length > 0;
  }

  async clearSuspended(manager: EntityManager, productId: string): Promise<void> {
    await manager.query(`DELETE FROM suspended_products WHERE product_id = $1`, [productId]);
  }

  /** Deletes events (with their deliveries and log) older than `before`; how many events went. */
  async purge(before: Date): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const old = `SELECT id FROM public_events WHERE created_at < $1`;
      await m.query(`DELETE FROM delivery_attempts WHERE event_id IN (${old})`, [before]);
      await m.query(`DELETE FROM deliveries WHERE event_id IN (${old})`, [before]);
      // TypeORM answers a DELETE with [rows, count].
      const [, count] = await m.query<[unknown[], number]>(`DELETE FROM public_events WHERE created_at < $1`, [before]);
      return count;
    });
  }
}
