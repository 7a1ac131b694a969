/**
 * Where the gateway sends a service's requests: the partitions of its request topic in turn,
 * leaving out for a while a partition that has stopped answering. Each partition is read by one
 * instance of the service; when that instance dies, its partitions answer nothing until the group
 * hands them to another instance — up to the consumer session (30 s) if the dead instance is not
 * restarted. Requests sent there meanwhile wait; requests sent elsewhere do not (ADR 0056).
 *
 * A partition is judged by its replies: silent since a request was sent to it, while another
 * partition of the same topic has answered since, it is the partition, not the service's load.
 * When no partition has answered since (few requests in flight), a partition with nothing waiting
 * on it for long is tried instead; a service that is merely slow has requests waiting everywhere,
 * and gets no copies.
 */
export class PartitionRoutes {
  private readonly next = new Map<string, number>();
  private readonly lastReply = new Map<string, number>();
  private readonly avoidUntil = new Map<string, number>();
  /** Per partition, the requests waiting on it and when each was sent. */
  private readonly waiting = new Map<string, Map<string, number>>();

  /** Partitions per topic as the broker has them (`learn`); `partitions` until then. */
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly partitions: number,
    private readonly avoidMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The topic has `count` partitions (its metadata): a topic made before with fewer is never overshot. */
  learn(topic: string, count: number): void {
    if (count > 0) this.counts.set(topic, count);
  }

  private countOf(topic: string): number {
    return this.counts.get(topic) ?? this.partitions;
  }

  /** The partition for the next request to `topic`: the next in turn that is not being avoided. */
  pick(topic: string): number {
    const n = this.countOf(topic);
    const start = (this.next.get(topic) ?? 0) % n;
    const t = this.now();
    for (let i = 0; i < n; i++) {
      const p = (start + i) % n;
      if ((this.avoidUntil.get(`${topic}:${p}`) ?? 0) <= t) {
        this.next.set(topic, (p + 1) % n);
        return p;
      }
    }
    // Every partition is avoided: the service is away as a whole; plain turns.
    this.next.set(topic, (start + 1) % n);
    return start;
  }

  /** A request `id` now waits on this partition. */
  sent(topic: string, partition: number, id: string, at: number): void {
    const key = `${topic}:${partition}`;
    let w = this.waiting.get(key);
    if (!w) this.waiting.set(key, (w = new Map<string, number>()));
    w.set(id, at);
  }

  /** The request no longer waits on this partition (answered, copied elsewhere, or given up). */
  settled(topic: string, partition: number, id: string): void {
    this.waiting.get(`${topic}:${partition}`)?.delete(id);
  }

  /** A reply came from a request sent to this partition: it is read. */
  replied(topic: string, partition: number): void {
    const key = `${topic}:${partition}`;
    this.lastReply.set(key, this.now());
    this.avoidUntil.delete(key);
  }

  /** Nothing has been waiting on this partition for `ms` or longer. */
  private unblocked(key: string, ms: number): boolean {
    const limit = this.now() - ms;
    for (const at of this.waiting.get(key)?.values() ?? []) if (at <= limit) return false;
    return true;
  }

  /**
   * A request sent to `partition` at `sentAt` is still unanswered. If that partition has answered
   * nothing since, while another has (the most recently heard from is returned) or another has had
   * nothing waiting on it for as long (the next such in turn), the partition is avoided for a while
   * and the other one is returned for a copy of the request; otherwise undefined.
   */
  reroute(topic: string, partition: number, sentAt: number, waitedMs = this.now() - sentAt): number | undefined {
    if ((this.lastReply.get(`${topic}:${partition}`) ?? 0) >= sentAt) return undefined;
    const t = this.now();
    let best: number | undefined;
    let bestAt = sentAt;
    let idle: number | undefined;
    const n = this.countOf(topic);
    for (let i = 1; i < n; i++) {
      const p = (partition + i) % n;
      const key = `${topic}:${p}`;
      const at = this.lastReply.get(key) ?? 0;
      if (at > bestAt) {
        best = p;
        bestAt = at;
      } else if (idle === undefined && (this.avoidUntil.get(key) ?? 0) <= t && this.unblocked(key, waitedMs)) idle = p;
    }
    const to = best ?? idle;
    if (to !== undefined) this.avoidUntil.set(`${topic}:${partition}`, t + this.avoidMs);
    return to;
  }
}
