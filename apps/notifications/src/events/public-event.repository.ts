import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventOwner, PublicEvent, PublicEventType } from '@app/contracts';
import { OrderRoute } from './order-route.entity';
import type { PublicEventRecord } from './public-event.entity';

/** A feed position: the inserting transaction and the event id (see PublicEventRecord). */
export interface FeedPosition {
  tx: string;
  id: string;
}

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

  /** Stores an event for one owner; false when that source event was already stored for it. */
  async insert(
    manager: EntityManager,
    e: Pick<PublicEventRecord, 'id' | 'ownerRole' | 'ownerId' | 'type' | 'sourceEventId' | 'body'>,
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO public_events (id, owner_role, owner_id, type, source_event_id, body, tx_id)
       VALUES ($1, $2, $3, $4, $5, $6, pg_current_xact_id()::text::bigint)
       ON CONFLICT (source_event_id, owner_role, owner_id) DO NOTHING RETURNING id`,
      [e.id, e.ownerRole, e.ownerId, e.type, e.sourceEventId, JSON.stringify(e.body)],
    );
    return rows.length > 0;
  }

  /**
   * The owner's events after `after` in feed order, only those of finished transactions (below the
   * oldest one still running): what a poller has read can never be preceded by a later commit.
   */
  async feed(owner: EventOwner, after: FeedPosition | undefined, types: PublicEventType[] | undefined, limit: number) {
    const params: unknown[] = [owner.role, owner.id, limit];
    let where = `owner_role = $1 AND owner_id = $2 AND tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;
    if (after) {
      params.push(after.tx, after.id);
      where += ` AND (tx_id, id) > ($${params.length - 1}::bigint, $${params.length}::uuid)`;
    }
    if (types && types.length > 0) {
      params.push(types);
      where += ` AND type = ANY($${params.length})`;
    } else {
      where += ` AND type <> 'webhook.test'`;
    }
    return this.dataSource.query<{ id: string; tx_id: string; body: PublicEvent }[]>(
      `SELECT id, tx_id, body FROM public_events WHERE ${where} ORDER BY tx_id, id LIMIT $3`,
      params,
    );
  }

  /** Ids of the owner's events of `types` created in [since, until). */
  async idsInRange(owner: EventOwner, types: string[], since: Date, until: Date): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM public_events
        WHERE owner_role = $1 AND owner_id = $2 AND type = ANY($3) AND created_at >= $4 AND created_at < $5
        ORDER BY tx_id, id`,
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
