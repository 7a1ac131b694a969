import type { Consumer } from 'kafkajs';

/**
 * Resolves once the consumer's group is `Stable` with partitions assigned. kafkajs's `run()`
 * returns before the group join completes, and a request consumer whose group has no committed
 * offsets starts at the log end: a request sent in that window would be skipped and its caller
 * would wait for a reply that never comes. Readiness therefore waits for this.
 */
export async function awaitStableGroup(consumer: Consumer, timeoutMs = 60000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const group = await consumer.describeGroup().catch(() => undefined);
    if (group?.state === 'Stable' && group.members.length > 0) return;
    if (Date.now() > until)
      throw new Error(`consumer group ${group?.groupId ?? '?'} not stable after ${timeoutMs} ms (state ${group?.state ?? 'unknown'})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
