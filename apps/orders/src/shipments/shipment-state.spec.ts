import { judgeReport } from './shipment-state';

describe('shipment state machine', () => {
  it.each([
    ['requested', 'picked_up', 'apply'],
    ['picked_up', 'delivered', 'apply'],
    ['out_for_delivery', 'failed', 'apply'],
    ['failed', 'out_for_delivery', 'apply'],
    ['failed', 'returning', 'apply'],
    ['returning', 'returned', 'apply'],
    ['delivered', 'delivered', 'duplicate'],
    ['delivered', 'in_transit', 'stale'],
    ['delivered', 'picked_up', 'stale'],
    ['returned', 'failed', 'stale'],
    // Skipped scans (ADR 0053): any status the parcel can still reach is applied.
    ['requested', 'delivered', 'apply'],
    ['requested', 'returned', 'apply'],
    ['in_transit', 'returned', 'apply'],
    ['out_for_delivery', 'returned', 'apply'],
    ['failed', 'delivered', 'apply'],
    ['failed', 'in_transit', 'stale'],
    ['returning', 'delivered', 'illegal'],
    ['picked_up', 'cancelled', 'illegal'],
  ] as const)('%s → %s: %s', (from, to, verdict) => {
    expect(judgeReport(from, to)).toBe(verdict);
  });
});
