import type { DataSource, EntityManager } from 'typeorm';
import type { CloudEvent } from '@app/contracts';

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
}
