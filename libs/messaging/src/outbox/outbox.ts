import type { EntityManager } from 'typeorm';
import type { CloudEvent, EventDefinition } from '@app/contracts';
import { newEvent } from '../envelope';

/** Postgres NOTIFY channel the relay listens on; NOTIFY is delivered only when the writer commits. */
export const OUTBOX_CHANNEL = 'outbox_pending';

export interface PendingEvent<T> {
  definition: EventDefinition<T>;
  /** Aggregate id: CloudEvents subject and Kafka key. */
  subject: string;
  data: T;
}

/**
 * Writes events into the outbox inside the caller's transaction. Nothing is published until that
 * transaction commits; nothing committed is ever lost (the relay retries until Kafka has it).
 */
export class Outbox {
  constructor(private readonly source: string) {}

  async add(manager: EntityManager, ...events: PendingEvent<unknown>[]): Promise<CloudEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add must run inside a transaction, with the change it reports');
    }
    const envelopes = events.map((e) => ({ envelope: newEvent(e.definition, e.subject, e.data, this.source), topic: e.definition.topic }));
    if (envelopes.length === 0) return [];
    const values: unknown[] = [];
    const rows = envelopes.map(({ envelope, topic }, i) => {
      values.push(envelope.id, topic, envelope.subject, envelope.type, JSON.stringify(envelope));
      const b = i * 5;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb)`;
    });
    // One round trip: the insert and the notification (delivered, once per channel, on commit).
    await manager.query(
      `WITH added AS (INSERT INTO outbox (event_id, topic, message_key, type, envelope) VALUES ${rows.join(', ')} RETURNING 1)
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM (SELECT 1 FROM added LIMIT 1) AS any_added`,
      values,
    );
    return envelopes.map((e) => e.envelope);
  }
}

export function event<T>(definition: EventDefinition<T>, subject: string, data: T): PendingEvent<unknown> {
  return { definition, subject, data };
}
