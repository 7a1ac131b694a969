import type { ShipmentStatus } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import type { Shipment } from './shipment.entity';

/**
 * The shipment state machine of API.md, plus `cancelled` (before pick-up). Carriers skip steps
 * (a parcel may go from picked_up straight to delivered), so forward moves along the main path are
 * allowed; the order of `RANK` decides what is stale.
 */
const NEXT: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  requested: ['picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'failed', 'cancelled'],
  picked_up: ['in_transit', 'out_for_delivery', 'delivered', 'failed', 'returning'],
  in_transit: ['out_for_delivery', 'delivered', 'failed', 'returning'],
  out_for_delivery: ['delivered', 'failed'],
  failed: ['out_for_delivery', 'returning', 'returned'],
  returning: ['returned'],
  delivered: [],
  returned: [],
  cancelled: [],
};

/** Progress along the parcel's journey: a report below the current rank is stale. */
const RANK: Record<ShipmentStatus, number> = {
  requested: 0,
  picked_up: 1,
  in_transit: 2,
  out_for_delivery: 3,
  failed: 3,
  delivered: 9,
  returning: 5,
  returned: 9,
  cancelled: 9,
};

export type ReportVerdict = 'apply' | 'duplicate' | 'stale' | 'illegal';

/**
 * What to do with a carrier's report of `to` while the shipment is `from`. A report of a status
 * already passed (a late `in_transit` after `delivered`) is stale and changes nothing; a move the
 * machine forbids from a non-terminal state (e.g. `out_for_delivery` → `returned`) is illegal.
 */
export function judgeReport(from: ShipmentStatus, to: ShipmentStatus): ReportVerdict {
  if (from === to) return 'duplicate';
  if (NEXT[from].includes(to)) return 'apply';
  if (RANK[to] <= RANK[from]) return 'stale';
  return 'illegal';
}

export function isTerminal(s: ShipmentStatus): boolean {
  return NEXT[s].length === 0;
}

function move(s: Shipment, to: ShipmentStatus, at: Date): void {
  if (!NEXT[s.status].includes(to)) {
    throw new IllegalTransitionError('Shipment', s.status, to).vi(`Vận đơn không thể chuyển từ ${s.status} sang ${to}.`);
  }
  s.status = to;
  s.statusAt = at;
}

/** The named moves of a shipment; nothing else writes its `status`. */
export const ShipmentMoves = {
  /** The order was called off before pick-up. */
  cancel(s: Shipment, at: Date): void {
    move(s, 'cancelled', at);
  },
  /** A carrier's report that {@link judgeReport} said to apply. */
  report(
    s: Shipment,
    r: { status: ShipmentStatus; at: Date; carrierStatusCode: string | null; trackingCode?: string; codCollectedVnd?: number },
  ): void {
    move(s, r.status, r.at);
    s.carrierStatusCode = r.carrierStatusCode;
    if (r.trackingCode) s.trackingCode = r.trackingCode;
    if (r.status === 'delivered') s.codCollectedVnd = r.codCollectedVnd ?? s.codVnd;
  },
};
