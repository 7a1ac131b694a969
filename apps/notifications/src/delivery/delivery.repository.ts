import { Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { DeliveryStatus, PublicEvent, PublicEventType } from '@app/contracts';
import { decodeCursor } from '@app/persistence';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { sourcesOf, targetOf, transition, type DeliveryTransition } from './delivery-state';
import { Delivery } from './delivery.entity';

/** The channel a commit that queued deliveries notifies, to wake the delivery workers at once. */
export const DELIVERY_CHANNEL = 'webhook_deliveries';

/** A delivery a worker claimed: what to send, where, and with which secrets. */
export interface ClaimedDelivery {
  delivery: Delivery;
  url: string;
  secretEnc: string;
  previousSecretEnc: string | null;
  previousSecretExpiresAt: Date | null;
  body: PublicEvent;
}

/** One row of an endpoint's delivery log (an attempt made, or the one due). */
export interface AttemptRow {
  id: string;
  event_id: string;
  type: PublicEventType;
  attempt: number;
  status: DeliveryStatus;
  http_status: number | null;
  duration_ms: number | null;
  response_snippet: string | null;
  error: string | null;
  attempted_at: Date | null;
  next_attempt_at: Date | null;
}

@Injectable()
export class DeliveryRepository {
  private listener?: Client;

  constructor(private readonly dataSource: DataSource) {}

  /** Deliveries due now on enabled endpoints and not yet sent, and how long the oldest has been due. */
  async dueBacklog(): Promise<{ due: number; oldestDueSeconds: number }> {
    const [row] = await this.dataSource.query<{ due: number; age: number | null }[]>(
      `SELECT count(*)::int AS due, EXTRACT(EPOCH FROM now() - min(d.next_attempt_at))::float8 AS age
         FROM deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND e.status = 'enabled'`,
    );
    return { due: row?.due ?? 0, oldestDueSeconds: Math.max(0, row?.age ?? 0) };
  }

  /**
   * Keeps a connection listening on DELIVERY_CHANNEL until `stopped()`, calling `onNotify` for each
   * notification (a commit queued deliveries) and reconnecting after a second when it drops.
   */
  async listen(onNotify: () => void, stopped: () => boolean, onError: (e: unknown) => void): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    while (!stopped()) {
      const client = new Client({ connectionString: url, application_name: 'notifications-delivery-listen' });
      this.listener = client;
      try {
        await client.connect();
        client.on('notification', onNotify);
        await client.query(`LISTEN ${DELIVERY_CHANNEL}`);
        if (!stopped()) {
          await new Promise<void>((resolve) => {
            client.on('error', () => resolve());
            client.on('end', () => resolve());
          });
        }
      } catch (e) {
        onError(e);
      }
      await client.end().catch(() => undefined);
      if (!stopped()) await new Promise((r) => setTimeout(r, 1000));
    }
  }

  /** Ends the listening connection (call after `stopped()` turned true). */
  async unlisten(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
  }

  /** One pending delivery of the event per endpoint, due at once (the workers are woken on commit). */
  async createFor(manager: EntityManager, eventId: string, endpointIds: string[]): Promise<void> {
    if (endpointIds.length === 0) return;
    await manager.query(
      `INSERT INTO deliveries (id, event_id, endpoint_id, status, attempts, next_attempt_at)
       SELECT x.id, $1, x.endpoint_id, 'pending', 0, now() FROM unnest($2::uuid[], $3::uuid[]) AS x(id, endpoint_id)
       ON CONFLICT (event_id, endpoint_id) DO NOTHING`,
      [eventId, endpointIds.map(() => uuidv7()), endpointIds],
    );
    await manager.query(`NOTIFY ${DELIVERY_CHANNEL}`);
  }

  /**
   * Claims due deliveries of enabled endpoints in one statement: per endpoint the oldest due rows,
   * at most `perEndpoint` minus what this process already has in flight there (`busy`), locked
   * with SKIP LOCKED (another instance takes others), `limit` in all; each has its attempt counted
   * and is moved `leaseMs` ahead. A worker that dies before recording the outcome leaves the
   * delivery due again when the lease ends: sent again, with the same webhook-id.
   */
  async claim(limit: number, perEndpoint: number, busy: Map<string, number>, leaseMs: number): Promise<ClaimedDelivery[]> {
    const [rows] = await this.dataSource.query<
      [
        {
          id: string;
          event_id: string;
          endpoint_id: string;
          status: DeliveryStatus;
          attempts: number;
          next_attempt_at: Date;
          url: string;
          secret_enc: string;
          previous_secret_enc: string | null;
          previous_secret_expires_at: Date | null;
          body: PublicEvent;
        }[],
        number,
      ]
    >(
      `WITH busy AS (SELECT * FROM unnest($1::uuid[], $2::int[]) AS b(endpoint_id, n)),
       picked AS (
         SELECT due.id FROM webhook_endpoints e
           LEFT JOIN busy b ON b.endpoint_id = e.id
           CROSS JOIN LATERAL (
             SELECT d.id FROM deliveries d
              WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= now()
              ORDER BY d.next_attempt_at
              LIMIT GREATEST(0, $3 - COALESCE(b.n, 0))
              FOR UPDATE SKIP LOCKED) due
          WHERE e.status = 'enabled'
          LIMIT $4)
       UPDATE deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = now() + ($5 || ' milliseconds')::interval, updated_at = now()
         FROM picked, webhook_endpoints e, public_events p
        WHERE d.id = picked.id AND e.id = d.endpoint_id AND p.id = d.event_id
        RETURNING d.id, d.event_id, d.endpoint_id, d.status, d.attempts, d.next_attempt_at,
                  e.url, e.secret_enc, e.previous_secret_enc, e.previous_secret_expires_at, p.body`,
      [[...busy.keys()], [...busy.values()], perEndpoint, limit, String(leaseMs)],
    );
    return rows.map((r) => ({
      delivery: Object.assign(new Delivery(), {
        id: r.id,
        eventId: r.event_id,
        endpointId: r.endpoint_id,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
      }),
      url: r.url,
      secretEnc: r.secret_enc,
      previousSecretEnc: r.previous_secret_enc,
      previousSecretExpiresAt: r.previous_secret_expires_at,
      body: r.body,
    }));
  }

  /** Records an attempt and moves the delivery by `t`, unless a replay or a disable moved it meanwhile. */
  async recordAttempt(
    manager: EntityManager,
    d: Delivery,
    t: DeliveryTransition,
    nextAttemptAt: Date | null,
    attempt: Omit<DeliveryAttempt, 'id' | 'deliveryId' | 'endpointId' | 'eventId' | 'attempt' | 'nextAttemptAt'>,
  ): Promise<void> {
    const current = await manager
      .getRepository(Delivery)
      .createQueryBuilder('d')
      .where('d.id = :id', { id: d.id })
      .setLock('pessimistic_write')
      .getOne();
    await manager.getRepository(DeliveryAttempt).insert({
      id: uuidv7(),
      deliveryId: d.id,
      endpointId: d.endpointId,
      eventId: d.eventId,
      attempt: d.attempts,
      nextAttemptAt: t === 'scheduleRetry' ? nextAttemptAt : null,
      ...attempt,
    });
    // Still the attempt this worker claimed? (A replay restarts it; then the replay's attempt counts.)
    if (!current || current.status !== 'pending' || current.attempts !== d.attempts) return;
    transition(current, t, nextAttemptAt);
    await manager.getRepository(Delivery).update(current.id, {
      status: current.status,
      nextAttemptAt: current.nextAttemptAt,
      updatedAt: new Date(),
    });
  }

  /**
   * A 2xx: the attempt logged, the delivery moved by `succeed` (unless a replay or a disable moved
   * it meanwhile) and the endpoint's failure streak cleared — one statement, as most attempts succeed.
   */
  async recordSuccess(
    d: Delivery,
    attempt: Pick<DeliveryAttempt, 'httpStatus' | 'durationMs' | 'responseSnippet' | 'attemptedAt'>,
  ): Promise<void> {
    await this.dataSource.query(
      `WITH moved AS (
         UPDATE deliveries SET status = $5, next_attempt_at = NULL, updated_at = now()
          WHERE id = $1 AND attempts = $2 AND status = ANY($4) RETURNING id),
       logged AS (
         INSERT INTO delivery_attempts (id, delivery_id, endpoint_id, event_id, attempt, status, http_status, duration_ms, response_snippet, attempted_at)
         VALUES ($6, $1, $3, $7, $2, 'succeeded', $8, $9, $10, $11) RETURNING id)
       UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $3 AND failing_since IS NOT NULL`,
      [
        d.id,
        d.attempts,
        d.endpointId,
        sourcesOf('succeed'),
        targetOf('succeed'),
        uuidv7(),
        d.eventId,
        attempt.httpStatus,
        attempt.durationMs,
        attempt.responseSnippet,
        attempt.attemptedAt,
      ],
    );
  }

  /** Moves every delivery of the endpoint in a source state of `t` by `t` (e.g. fail them all when it is disabled). */
  async moveAllOfEndpoint(manager: EntityManager, endpointId: string, t: DeliveryTransition): Promise<void> {
    await manager.query(
      `UPDATE deliveries SET status = $3, next_attempt_at = NULL, updated_at = now() WHERE endpoint_id = $1 AND status = ANY($2)`,
      [endpointId, sourcesOf(t), targetOf(t)],
    );
  }

  /**
   * Replay: the endpoint's deliveries of these events are due again now (`requeue`), those it
   * never had are created; with `onlyFailed`, only failed ones. Returns how many are queued.
   */
  async requeue(endpointId: string, eventIds: string[], onlyFailed: boolean): Promise<number> {
    if (eventIds.length === 0) return 0;
    return this.dataSource.transaction(async (m) => {
      const from = onlyFailed ? ['failed'] : sourcesOf('requeue');
      const [moved] = await m.query<[{ event_id: string }[], number]>(
        `UPDATE deliveries SET status = $4, next_attempt_at = now(), updated_at = now()
          WHERE endpoint_id = $1 AND event_id = ANY($2::uuid[]) AND status = ANY($3) RETURNING event_id`,
        [endpointId, eventIds, from, targetOf('requeue')],
      );
      if (moved.length > 0) await m.query(`NOTIFY ${DELIVERY_CHANNEL}`);
      if (onlyFailed) return moved.length;
      const before = await m.query<{ n: string }[]>(`SELECT count(*) AS n FROM deliveries WHERE endpoint_id = $1`, [endpointId]);
      for (const eventId of eventIds) await this.createFor(m, eventId, [endpointId]);
      const after = await m.query<{ n: string }[]>(`SELECT count(*) AS n FROM deliveries WHERE endpoint_id = $1`, [endpointId]);
      return moved.length + Number(after[0].n) - Number(before[0].n);
    });
  }

  /**
   * The endpoint's log, newest first: every attempt made, and for a delivery still waiting for its
   * first attempt (or a requeued one), the attempt that is due.
   */
  async log(endpointId: string, limit: number, cursor: string | undefined): Promise<AttemptRow[]> {
    const after = decodeCursor<{ id: string }>(cursor, ['id']);
    return this.dataSource.query<AttemptRow[]>(
      `SELECT * FROM (
         SELECT a.id, a.event_id, p.type, a.attempt, a.status, a.http_status, a.duration_ms, a.response_snippet, a.error,
                a.attempted_at, a.next_attempt_at
           FROM delivery_attempts a JOIN public_events p ON p.id = a.event_id
          WHERE a.endpoint_id = $1
         UNION ALL
         SELECT d.id, d.event_id, p.type, d.attempts + 1, d.status, NULL, NULL, NULL, NULL, NULL, d.next_attempt_at
           FROM deliveries d JOIN public_events p ON p.id = d.event_id
          WHERE d.endpoint_id = $1 AND d.status = 'pending'
            AND NOT EXISTS (SELECT 1 FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.attempt = d.attempts AND a.next_attempt_at IS NOT NULL)
       ) x
       WHERE ($2::uuid IS NULL OR x.id < $2::uuid)
       ORDER BY x.id DESC LIMIT $3`,
      [endpointId, after?.id ?? null, limit + 1],
    );
  }
}
