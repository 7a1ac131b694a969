import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { counter } from '@app/platform';
import { CLOUDEVENTS_CONTENT_TYPE } from '../envelope';
import type { EventTransport, OutgoingRecord } from '../transport/event-transport';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  service: string;
  /** Fallback poll when no NOTIFY woke the relay. */
  pollMs: number;
  batchSize?: number;
  maxBackoffMs?: number;
  /** Published rows older than this are deleted. */
  retentionHours?: number;
}

interface Row {
  seq: string;
  event_id: string;
  topic: string;
  message_key: string;
  type: string;
  envelope: string;
}

/** Only one relay per database publishes at a time, so events leave in outbox order. */
const RELAY_LOCK_KEY = 0x0b0c5;
const PURGE_EVERY_MS = 10 * 60 * 1000;

/**
 * Publishes committed outbox rows in order and marks them sent. A crash between publishing and
 * marking publishes the same events again on restart; consumers' inboxes absorb the duplicate.
 * Failures back off exponentially and are retried forever: an event is never dropped.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly published = counter('outbox_published_total', 'Events published from the outbox', ['service']);
  private readonly failures = counter('outbox_publish_failures_total', 'Failed outbox publish attempts', ['service']);
  private stopped = true;
  private loop?: Promise<void>;
  private wake?: () => void;
  private listener?: Client;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: Pick<EventTransport, 'publish'>,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Wakes the relay now (after a commit in this process). */
  poke(): void {
    this.wake?.();
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    while (!this.stopped) {
      const client = new Client({ connectionString: url, application_name: `${this.options.service}-outbox-listen` });
      try {
        await client.connect();
        client.on('notification', () => this.wake?.());
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        this.listener = client;
        await new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
      } catch (e) {
        this.logger.warn({ err: e }, 'outbox LISTEN connection failed; polling until it is back');
      }
      await client.end().catch(() => undefined);
      if (!this.stopped) await new Promise((r) => setTimeout(r, 1000));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    const batchSize = this.options.batchSize ?? 500;
    const maxBackoff = this.options.maxBackoffMs ?? 30000;
    while (!this.stopped) {
      try {
        const n = await this.drainOnce(batchSize);
        failures = 0;
        await this.purgeOld();
        if (n === batchSize) continue;
        await this.sleep(this.options.pollMs);
      } catch (e) {
        failures += 1;
        this.failures.inc({ service: this.options.service });
        const backoff = Math.min(maxBackoff, 100 * 2 ** Math.min(failures, 16)) * (0.5 + Math.random() / 2);
        this.logger.warn({ err: e, failures, backoffMs: Math.round(backoff) }, 'outbox publish failed; will retry');
        await this.sleep(backoff);
      }
    }
  }

  /** Publishes up to `batchSize` unsent events; 0 when none (or another relay holds the lock). */
  async drainOnce(batchSize = 500): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let rows: Row[] = [];
    try {
      await runner.startTransaction();
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK_KEY])) as [
        { locked: boolean },
      ];
      if (!locked) {
        await runner.commitTransaction();
        return 0;
      }
      rows = (await runner.query(
        `SELECT seq, event_id, topic, message_key, type, envelope::text AS envelope
           FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [batchSize],
      )) as Row[];
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      await this.transport.publish(rows.map(toRecord));
      await runner.query('UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])', [
        rows.map((r) => r.seq),
      ]);
      await runner.commitTransaction();
      this.published.inc({ service: this.options.service }, rows.length);
      return rows.length;
    } catch (e) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (rows.length > 0) {
        const message = e instanceof Error ? e.message : String(e);
        await runner
          .query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])', [
            rows.map((r) => r.seq),
            message.slice(0, 2000),
          ])
          .catch(() => undefined);
      }
      throw e;
    } finally {
      await runner.release();
    }
  }

  private async purgeOld(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    const hours = this.options.retentionHours ?? 24 * 7;
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`, [hours]);
  }
}

function toRecord(r: Row): OutgoingRecord {
  return {
    topic: r.topic,
    key: r.message_key,
    value: r.envelope,
    headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE, ce_id: r.event_id, ce_type: r.type },
  };
}
