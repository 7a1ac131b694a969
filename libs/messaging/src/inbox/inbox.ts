import type { DataSource, EntityManager } from 'typeorm';
import type { CloudEvent } from '@app/contracts';

/** One (consumer, event) pair to apply at most once. */
export interface InboxEntry {
  consumer: string;
  event: CloudEvent;
}

/**
 * Idempotent consumption: the event id is recorded for the consumer in the same transaction as the
 * effect, so a redelivered event (Kafka is at-least-once) changes nothing.
 */
export class Inbox {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies `effect` once per (consumer, event id); returns false when it already had been. */
  process(consumer: string, event: CloudEvent, effect: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query<unknown[]>(
        'INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
        [consumer, event.id, event.type],
      );
      if (inserted.length === 0) return false;
      await effect(manager);
      return true;
    });
  }

  /**
   * Applies many entries in one transaction (one commit for a whole batch of events): the inbox rows
   * of all of them are inserted at once, then `apply` runs with the entries not seen before, in the
   * given order (an entry repeated within the batch is there once). If anything throws, nothing of
   * the batch is kept. Resolves with how many entries were new.
   */
  processBatch(entries: InboxEntry[], apply: (fresh: InboxEntry[], manager: EntityManager) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.query<{ consumer: string; event_id: string }[]>(
        `INSERT INTO inbox (consumer, event_id, event_type)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])
         ON CONFLICT DO NOTHING RETURNING consumer, event_id`,
        [entries.map((e) => e.consumer), entries.map((e) => e.event.id), entries.map((e) => e.event.type)],
      );
      const unseen = new Set(inserted.map((r) => `${r.consumer}\n${r.event_id}`));
      const fresh = entries.filter((entry) => unseen.delete(`${entry.consumer}\n${entry.event.id.toLowerCase()}`));
      await apply(fresh, manager);
      return fresh.length;
    });
  }
}
