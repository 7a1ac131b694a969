import { Logger } from '@nestjs/common';
import type { Consumer } from 'kafkajs';

/**
 * Commits a request/reply consumer's offsets once a second instead of after every fetch: each
 * commit is a broker round trip, and at hundreds of requests a second they cost as much as the
 * requests. What a crash can replay is bounded by the interval; a replayed request past its
 * deadline is skipped, and one within it meets the handlers' own idempotency.
 */
export class OffsetCommitter {
  private readonly logger = new Logger(OffsetCommitter.name);
  private readonly pending = new Map<string, { topic: string; partition: number; offset: string }>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly consumer: () => Consumer | null,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Everything up to and including `lastOffset` on this partition was handled. */
  handled(topic: string, partition: number, lastOffset: string): void {
    this.resumeAt(topic, partition, (BigInt(lastOffset) + 1n).toString());
  }

  /** Everything before `offset` on this partition was handled: the group resumes there. */
  resumeAt(topic: string, partition: number, offset: string): void {
    this.pending.set(`${topic}:${partition}`, { topic, partition, offset });
  }

  async flush(): Promise<void> {
    const consumer = this.consumer();
    if (!consumer || this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    try {
      await consumer.commitOffsets(offsets);
    } catch (e) {
      // A rebalance moved the partitions (their new owner resumes from the last commit) or the
      // broker is away; the next handled batch is committed on the next tick.
      this.logger.debug({ err: e }, 'offset commit failed');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
