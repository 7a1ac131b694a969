import type { ShipmentStatus } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import type { Shipment } from './shipment.entity';

/**
 * One scan to the next as a parcel travels (API.md), plus `cancelled` (ours, before pick-up). A
 * parcel on its way may also be sent back before an attempt (refused at the hub): `returning`.
 */
const SCAN: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  requested: ['picked_up', 'cancelled'],
  picked_up: ['in_transit', 'returning'],
  in_transit: ['out_for_delivery', 'returning'],
  out_for_delivery: ['delivered', 'failed'],
  failed: ['out_for_delivery', 'returning'],
  returning: ['returned'],
  delivered: [],
  returned: [],
  cancelled: [],
};

/**
 * Carriers skip scans (a parcel reported delivered that was never reported picked up; returned
 * straight from out for delivery), so a report moves the shipment to any status its parcel can
 * reach from where it is, the scans in between skipped (ADR 0053): the reachable statuses.
 */
function reachableFrom(from: ShipmentStatus): ShipmentStatus[] {
  const reached = new Set<ShipmentStatus>();
  const walk = (s: ShipmentStatus) => {
    for (const to of SCAN[s]) {
      if (!reached.has(to)) {
        reached.add(to);
        walk(to);
      }
    }
  };
  walk(from);
  reached.delete(from);
  return [...reached];
}

const NEXT = {} as Record<ShipmentStatus, readonly ShipmentStatus[]>;
for (const from of Object.keys(SCAN) as ShipmentStatus[]) NEXT[from] = reachableFrom(from);

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
 * What to do with a carrier's report of `to` while the shipment is `from`. A status the parcel
 * can still reach is applied, scans skipped or not; one already passed (a late `in_transit` after
 * `delivered`) is stale and changes nothing; the one contradiction left, a parcel on its way back
 * reported `delivered`, is illegal (409: an operator looks at it).
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
