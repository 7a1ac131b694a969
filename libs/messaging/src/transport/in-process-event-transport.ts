import type { EventTransport, OutgoingRecord, Subscription, SubscriptionSpec } from './event-transport';
import { InProcessBus } from './in-process-bus';

/** Events over the in-process bus (quick start: every app in one process). */
export class InProcessEventTransport implements EventTransport {
  readonly kind = 'in-process' as const;
  private readonly subscriptions = new Set<Subscription>();

  constructor(private readonly bus: InProcessBus = InProcessBus.instance()) {}

  publish(records: OutgoingRecord[]): Promise<void> {
    this.bus.publish(records.map((r) => ({ ...r, headers: { ...r.headers } })));
    return Promise.resolve();
  }

  subscribe(spec: SubscriptionSpec): Promise<Subscription> {
    const s = this.bus.subscribe(spec);
    this.subscriptions.add(s);
    return Promise.resolve(s);
  }

  probe(): Promise<Record<string, unknown>> {
    return Promise.resolve({ transport: 'in-process' });
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
  }
}
