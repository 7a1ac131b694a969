/**
 * Where the gateway sends a service's requests: the partitions of its request topic in turn,
 * leaving out for a while a partition that has stopped answering. Each partition is read by one
 * instance of the service; when that instance dies, its partitions answer nothing until the group
 * hands them to another instance — up to the consumer session (30 s) if the dead instance is not
 * restarted. Requests sent there meanwhile wait; requests sent elsewhere do not (ADR 0056).
 *
 * A partition is judged by its replies only: silent since a request was sent to it, while another
 * partition of the same topic has answered since, it is the partition, not the service's load.
 */
export class PartitionRoutes {
  private readonly next = new Map<string, number>();
  private readonly lastReply = new Map<string, number>();
  private readonly avoidUntil = new Map<string, number>();

  constructor(
    private readonly partitions: number,
    private readonly avoidMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The partition for the next request to `topic`: the next in turn that is not being avoided. */
  pick(topic: string): number {
    const start = this.next.get(topic) ?? 0;
    const t = this.now();
    for (let i = 0; i < this.partitions; i++) {
      const p = (start + i) % this.partitions;
      if ((this.avoidUntil.get(`${topic}:${p}`) ?? 0) <= t) {
        this.next.set(topic, (p + 1) % this.partitions);
        return p;
      }
    }
    // Every partition is avoided: the service is away as a whole; plain turns.
    this.next.set(topic, (start + 1) % this.partitions);
    return start % this.partitions;
  }

  /** A reply came from a request sent to this partition: it is read. */
  replied(topic: string, partition: number): void {
    const key = `${topic}:${partition}`;
    this.lastReply.set(key, this.now());
    this.avoidUntil.delete(key);
  }

  /**
   * A request sent to `partition` at `sentAt` is still unanswered. If that partition has answered
   * nothing since while another has, the partition is avoided for a while and the other one (the
   * most recently heard from) is returned for a second copy of the request; otherwise undefined.
   */
  reroute(topic: string, partition: number, sentAt: number): number | undefined {
    if ((this.lastReply.get(`${topic}:${partition}`) ?? 0) >= sentAt) return undefined;
    let best: number | undefined;
    let bestAt = sentAt;
    for (let p = 0; p < this.partitions; p++) {
      if (p === partition) continue;
      const at = this.lastReply.get(`${topic}:${p}`) ?? 0;
      if (at > bestAt) {
        best = p;
        bestAt = at;
      }
    }
    if (best !== undefined) this.avoidUntil.set(`${topic}:${partition}`, this.now() + this.avoidMs);
    return best;
  }
}
