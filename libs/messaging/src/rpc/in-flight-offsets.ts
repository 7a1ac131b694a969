interface PartitionState {
  inFlight: Set<bigint>;
  /** One past the highest offset started. */
  next: bigint;
}

/**
 * Where a partition may be committed when its messages finish out of order: up to (not including)
 * the lowest offset still being handled, or past everything started when nothing is. Committing
 * further would lose a request that a crash interrupts; committing less only replays handled ones.
 */
export class InFlightOffsets {
  private readonly partitions = new Map<string, PartitionState>();

  started(topic: string, partition: number, offset: string): void {
    const key = `${topic}:${partition}`;
    const at = BigInt(offset);
    let state = this.partitions.get(key);
    if (!state) this.partitions.set(key, (state = { inFlight: new Set(), next: at + 1n }));
    state.inFlight.add(at);
    if (at + 1n > state.next) state.next = at + 1n;
  }

  /** Marks `offset` handled; returns the offset to commit (the first not yet handled). */
  finished(topic: string, partition: number, offset: string): string {
    const state = this.partitions.get(`${topic}:${partition}`);
    if (!state) throw new Error(`offset ${offset} of ${topic}/${partition} finished but was never started`);
    state.inFlight.delete(BigInt(offset));
    let lowest = state.next;
    for (const o of state.inFlight) if (o < lowest) lowest = o;
    return lowest.toString();
  }

  /** Messages started and not yet finished, over all partitions. */
  get size(): number {
    let n = 0;
    for (const s of this.partitions.values()) n += s.inFlight.size;
    return n;
  }
}
