import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { deadLetterTopic, findEventDefinition, type CloudEvent } from '@app/contracts';
import { counter } from '@app/platform';
import { EnvelopeError, parseEnvelope } from '../envelope';
import type { Inbox } from '../inbox/inbox';
import type { EventTransport, IncomingRecord } from '../transport/event-transport';

export interface EventHandlerBinding {
  /** Inbox consumer name, unique per handler: `<service>:<Class>.<method>`. */
  consumer: string;
  type: string;
  handle(event: CloudEvent, manager: EntityManager): Promise<void>;
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

  async handle(record: IncomingRecord, heartbeat: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    let event: CloudEvent;
    try {
      event = parseEnvelope(record.value);
    } catch (e) {
      if (!(e instanceof EnvelopeError)) throw e;
      return this.deadLetter(record, 'malformed_envelope', e.message, 0);
    }
    if (!findEventDefinition(event.type)) {
      return this.deadLetter(record, 'unknown_type', `unknown event type ${event.type}`, 0);
    }
    const handlers = this.byType.get(event.type);
    if (!handlers) {
      this.consumed.inc({ service: this.options.service, type: event.type, outcome: 'ignored' });
      return;
    }
    for (const handler of handlers) {
      await this.applyWithRetries(record, event, handler, heartbeat);
    }
  }

  private async applyWithRetries(
    record: IncomingRecord,
    event: CloudEvent,
    handler: EventHandlerBinding,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const { maxAttempts, retryBaseMs } = this.options;
    for (let attempt = 1; ; attempt++) {
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
  }
}
