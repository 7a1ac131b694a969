import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deadLetterTopic, findEventDefinition, type CloudEvent } from '@app/contracts';
import { counter } from '@app/platform';
import { EnvelopeError, parseEnvelope } from '../envelope';
import type { Inbox, InboxEntry } from '../inbox/inbox';
import type { EventTransport, IncomingRecord } from '../transport/event-transport';

export interface EventHandlerBinding {
  /** Inbox consumer name, unique per handler: `<service>:<Class>.<method>`. */
  consumer: string;
  type: string;
  handle(event: CloudEvent, manager: EntityManager): Promise<void>;
  /** Set for @OnEvents handlers: a run of consecutive new events of the type at once. */
  handleMany?(events: CloudEvent[], manager: EntityManager): Promise<void>;
}

export interface EventDispatcherOptions {
  service: string;
  groupId: string;
  maxAttempts: number;
  retryBaseMs: number;
}

/**
 * What a consumer does with each message: parse the envelope, find the handlers, apply each once
 * (inbox), retry with backoff, and after the last attempt park the message in `<topic>.dlq` with
 * the error and carry on. Malformed envelopes and unknown types go to the DLQ at once.
 */
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);
  private readonly consumed = counter('events_consumed_total', 'Events handled by consumers', ['service', 'type', 'outcome']);
  private readonly deadLettered = counter('events_dead_lettered_total', 'Messages a consumer parked in <topic>.dlq', [
    'service',
    'topic',
    'reason',
  ]);
  private readonly byType = new Map<string, EventHandlerBinding[]>();

  constructor(
    private readonly inbox: Inbox,
    private readonly transport: Pick<EventTransport, 'publish'>,
    bindings: EventHandlerBinding[],
    private readonly options: EventDispatcherOptions,
  ) {
    for (const b of bindings) this.byType.set(b.type, [...(this.byType.get(b.type) ?? []), b]);
  }

  /** Topics carrying the handled types (from the contracts' registry). */
  topics(): string[] {
    const topics = new Set<string>();
    for (const type of this.byType.keys()) {
      const d = findEventDefinition(type);
      if (!d) throw new Error(`handler bound to unregistered event type ${type}`);
      topics.add(d.topic);
    }
    return [...topics].sort();
  }

  /** Handles one message (see {@link handleBatch}). */
  handle(record: IncomingRecord, heartbeat: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    return this.handleBatch([record], heartbeat);
  }

  /**
   * Handles consecutive messages of one partition. The handled events of the batch are applied in
   * one transaction (one commit instead of one per event: under load the commits are the cost); if
   * anything in it fails, that transaction is rolled back and the batch is applied again one event
   * at a time, each with its retries and, at the end, the DLQ — in the original order either way.
   */
  async handleBatch(records: IncomingRecord[], heartbeat: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    const work: { record: IncomingRecord; event: CloudEvent; handlers: EventHandlerBinding[] }[] = [];
    for (const record of records) {
      let event: CloudEvent;
      try {
        event = parseEnvelope(record.value);
      } catch (e) {
        if (!(e instanceof EnvelopeError)) throw e;
        await this.deadLetter(record, 'malformed_envelope', e.message, 0);
        continue;
      }
      if (!findEventDefinition(event.type)) {
        await this.deadLetter(record, 'unknown_type', `unknown event type ${event.type}`, 0);
        continue;
      }
      const handlers = this.byType.get(event.type);
      if (!handlers) {
        this.consumed.inc({ service: this.options.service, type: event.type, outcome: 'ignored' });
        continue;
      }
      work.push({ record, event, handlers });
    }
    if (work.length === 0) return;
    const entries = work.flatMap(({ event, handlers }) => handlers.map((handler) => ({ consumer: handler.consumer, event, handler })));
    let failed: (typeof entries)[number] | undefined;
    if (entries.length > 1) {
      const outcome = await this.applyInOneTransaction(entries, heartbeat);
      if (outcome.ok) return;
      failed = outcome.failed;
    }
    for (const { record, event, handlers } of work) {
      for (const handler of handlers) {
        // The batch's try counts as the first attempt of the entry that made it fail.
        const tried = failed !== undefined && failed.event === event && failed.handler === handler;
        await this.applyWithRetries(record, event, handler, heartbeat, tried ? Math.min(2, this.options.maxAttempts) : 1);
      }
    }
  }

  /** True when every entry was applied (or found applied) in one transaction; false: rolled back. */
  /** Applies every entry in one transaction; when that fails, nothing of it is kept. */
  private async applyInOneTransaction<E extends InboxEntry & { handler: EventHandlerBinding }>(
    entries: E[],
    heartbeat: () => Promise<void>,
  ): Promise<{ ok: true } | { ok: false; failed?: E }> {
    const applied = new Map<string, number>();
    let current: E | undefined;
    try {
      await this.inbox.processBatch(entries, async (fresh, manager) => {
        // Consecutive entries of one batch handler form a run; everything else goes one by one.
        for (let i = 0; i < fresh.length;) {
          const entry = fresh[i] as E;
          let end = i + 1;
          if (entry.handler.handleMany) while (end < fresh.length && (fresh[end] as E).handler === entry.handler) end += 1;
          const run = fresh.slice(i, end) as E[];
          current = entry;
          if (entry.handler.handleMany && run.length > 1) {
            await entry.handler.handleMany(
              run.map((r) => r.event),
              manager,
            );
          } else {
            await entry.handler.handle(entry.event, manager);
          }
          current = undefined;
          for (const r of run) applied.set(r.event.type, (applied.get(r.event.type) ?? 0) + 1);
          i = end;
        }
      });
    } catch (e) {
      this.logger.warn({ err: e, entries: entries.length }, 'batch failed; applying its events one at a time');
      await heartbeat();
      return { ok: false, failed: current };
    }
    const total = new Map<string, number>();
    for (const { event } of entries) total.set(event.type, (total.get(event.type) ?? 0) + 1);
    for (const [type, n] of total) {
      const done = applied.get(type) ?? 0;
      const { service } = this.options;
      if (done > 0) this.consumed.inc({ service, type, outcome: 'applied' }, done);
      if (n > done) this.consumed.inc({ service, type, outcome: 'duplicate' }, n - done);
    }
    return { ok: true };
  }

  private async applyWithRetries(
    record: IncomingRecord,
    event: CloudEvent,
    handler: EventHandlerBinding,
    heartbeat: () => Promise<void>,
    firstAttempt = 1,
  ): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.options;
    if (firstAttempt > 1) await new Promise((r) => setTimeout(r, retryBaseMs * 2 ** (firstAttempt - 2)));
    for (let attempt = firstAttempt; ; attempt++) {
      try {
        const applied = await this.inbox.process(handler.consumer, event, (manager) => handler.handle(event, manager));
        this.consumed.inc({ service: this.options.service, type: event.type, outcome: applied ? 'applied' : 'duplicate' });
        return;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        if (attempt >= maxAttempts) {
          this.logger.error(
            { err: e, eventId: event.id, type: event.type, consumer: handler.consumer, attempt },
            'event handler failed; sending to DLQ',
          );
          return this.deadLetter(record, 'handler_failed', message, attempt, handler.consumer);
        }
        this.logger.warn(
          { err: e, eventId: event.id, type: event.type, consumer: handler.consumer, attempt },
          'event handler failed; retrying',
        );
        await new Promise((r) => setTimeout(r, retryBaseMs * 2 ** (attempt - 1)));
        await heartbeat();
      }
    }
  }

  private async deadLetter(record: IncomingRecord, reason: string, error: string, attempts: number, consumer?: string): Promise<void> {
    this.consumed.inc({ service: this.options.service, type: reason, outcome: 'dead_lettered' });
    if (reason !== 'handler_failed') this.logger.warn({ topic: record.topic, offset: record.offset, reason, error }, 'message sent to DLQ');
    // If this publish fails the error propagates: the message is not acknowledged and comes back.
    await this.transport.publish([
      {
        topic: deadLetterTopic(record.topic),
        key: record.key ?? '',
        value: record.value ? record.value.toString('utf8') : '',
        headers: {
          ...record.headers,
          'dlq-reason': reason,
          'dlq-error': error.slice(0, 2000),
          'dlq-original-topic': record.topic,
          'dlq-original-partition': String(record.partition),
          'dlq-original-offset': record.offset,
          'dlq-consumer-group': this.options.groupId,
          ...(consumer ? { 'dlq-consumer': consumer } : {}),
          'dlq-attempts': String(attempts),
          'dlq-failed-at': new Date().toISOString(),
        },
      },
    ]);
    this.deadLettered.inc({ service: this.options.service, topic: record.topic, reason });
  }
}
