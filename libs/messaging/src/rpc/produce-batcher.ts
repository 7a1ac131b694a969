import type { Message, Producer } from 'kafkajs';

interface Pending {
  topic: string;
  message: Message;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Rough size of a message on the wire (value, key, headers): enough to stay under batch limits. */
function sizeOf(m: Message): number {
  const len = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v) : Buffer.isBuffer(v) ? v.length : 0);
  let n = len(m.value) + len(m.key) + 16;
  for (const [k, v] of Object.entries(m.headers ?? {})) n += k.length + len(v) + 8;
  return n;
}

/**
 * Coalesces the messages produced within one turn of the event loop into one produce request.
 * kafkajs sends every `send()` as its own request; under load, a service answering 60 requests at
 * once would pay 60 round trips to the broker. Alone, a message leaves on the next tick. A
 * batch stays under `maxBytes`, well below the broker's 1 MiB record-batch limit (message.max.bytes):
 * several large requests of one tick (remittance chunks) must not add up to a rejected batch.
 */
export class ProduceBatcher {
  private queue: Pending[] = [];
  private queuedBytes = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly maxBytes: number;
  private readonly acks: -1 | 0 | 1;

  constructor(
    private readonly producer: () => Producer,
    {
      maxBatch = 500,
      maxBytes = 512 * 1024,
      acks = -1,
    }: {
      maxBatch?: number;
      maxBytes?: number;
      /** Broker acknowledgement: -1 (all replicas, the default), 1 (leader) or 0 (none: resolved once written). */
      acks?: -1 | 0 | 1;
    } = {},
  ) {
    this.maxBatch = maxBatch;
    this.maxBytes = maxBytes;
    this.acks = acks;
  }

  send(topic: string, message: Message): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const bytes = sizeOf(message);
      if (this.queue.length > 0 && this.queuedBytes + bytes > this.maxBytes) this.flush();
      this.queue.push({ topic, message, resolve, reject });
      this.queuedBytes += bytes;
      if (this.queue.length >= this.maxBatch || this.queuedBytes >= this.maxBytes) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    this.queuedBytes = 0;
    const byTopic = new Map<string, Message[]>();
    for (const p of batch) {
      const list = byTopic.get(p.topic);
      if (list) list.push(p.message);
      else byTopic.set(p.topic, [p.message]);
    }
    let producer: Producer;
    try {
      producer = this.producer();
    } catch (e) {
      batch.forEach((p) => p.reject(e));
      return;
    }
    producer.sendBatch({ acks: this.acks, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) }).then(
      () => batch.forEach((p) => p.resolve()),
      (e: unknown) => batch.forEach((p) => p.reject(e)),
    );
  }
}
