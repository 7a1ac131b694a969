import { Logger } from '@nestjs/common';
import type { IncomingRecord, OutgoingRecord, SubscriptionSpec } from './event-transport';

interface TopicLog {
  /** Offset of records[0]; records before it were consumed by every group and dropped. */
  base: number;
  records: OutgoingRecord[];
}

interface Group {
  spec: SubscriptionSpec;
  offsets: Map<string, number>;
  draining: Set<string>;
  closed: boolean;
}

const REDELIVERY_DELAY_MS = 200;
/** Most records handed over at once, as a Kafka fetch would. */
const MAX_BATCH = 200;

/**
 * The quick start's stand-in for a broker, shared by every app in the process: an append-only log
 * per topic, one offset per (consumer group, topic), at-least-once delivery in publish order. A
 * group that joins late reads from the oldest record still kept (like `fromBeginning`).
 */
export class InProcessBus {
  private static shared?: InProcessBus;
  private readonly logger = new Logger('InProcessBus');
  private readonly topics = new Map<string, TopicLog>();
  private readonly groups = new Map<string, Group>();

  static instance(): InProcessBus {
    InProcessBus.shared ??= new InProcessBus();
    return InProcessBus.shared;
  }

  private log(topic: string): TopicLog {
    let l = this.topics.get(topic);
    if (!l) {
      l = { base: 0, records: [] };
      this.topics.set(topic, l);
    }
    return l;
  }

  publish(records: OutgoingRecord[]): void {
    for (const r of records) this.log(r.topic).records.push(r);
    const touched = new Set(records.map((r) => r.topic));
    for (const group of this.groups.values()) {
      for (const topic of group.spec.topics) if (touched.has(topic)) this.drain(group, topic);
    }
  }

  subscribe(spec: SubscriptionSpec): { close(): Promise<void> } {
    if (this.groups.has(spec.groupId)) throw new Error(`consumer group ${spec.groupId} already subscribed in this process`);
    const group: Group = { spec, offsets: new Map(), draining: new Set(), closed: false };
    for (const topic of spec.topics) group.offsets.set(topic, this.log(topic).base);
    this.groups.set(spec.groupId, group);
    for (const topic of spec.topics) this.drain(group, topic);
    return {
      close: () => {
        group.closed = true;
        this.groups.delete(spec.groupId);
        return Promise.resolve();
      },
    };
  }

  private drain(group: Group, topic: string): void {
    if (group.draining.has(topic) || group.closed) return;
    group.draining.add(topic);
    setImmediate(() => {
      void this.drainLoop(group, topic).finally(() => group.draining.delete(topic));
    });
  }

  private async drainLoop(group: Group, topic: string): Promise<void> {
    const log = this.log(topic);
    while (!group.closed) {
      const offset = group.offsets.get(topic) ?? log.base;
      const batch = log.records.slice(offset - log.base, offset - log.base + MAX_BATCH);
      if (batch.length === 0) return;
      const incoming = batch.map((record, i): IncomingRecord => ({
        topic,
        partition: 0,
        offset: String(offset + i),
        key: record.key,
        value: Buffer.from(record.value, 'utf8'),
        headers: { ...record.headers },
      }));
      try {
        await group.spec.handle(incoming, () => Promise.resolve());
        group.offsets.set(topic, offset + batch.length);
        this.compact(topic);
      } catch (e) {
        this.logger.warn({ err: e, topic, group: group.spec.groupId }, 'delivery failed; redelivering');
        await new Promise((r) => setTimeout(r, REDELIVERY_DELAY_MS));
      }
    }
  }

  /** Drops records every subscribed group has consumed, so the log does not grow forever. */
  private compact(topic: string): void {
    const log = this.log(topic);
    let min = log.base + log.records.length;
    for (const g of this.groups.values()) {
      const o = g.offsets.get(topic);
      if (o !== undefined) min = Math.min(min, o);
    }
    const drop = min - log.base;
    if (drop > 1024) {
      log.records.splice(0, drop);
      log.base = min;
    }
  }

  /** Records published to `topic` and still kept (tests and diagnostics). */
  peek(topic: string): readonly OutgoingRecord[] {
    return this.log(topic).records;
  }
}
