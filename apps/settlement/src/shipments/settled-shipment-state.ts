import type { ShipmentFacts } from '@app/contracts';
import { IllegalTransitionError } from '@app/platform';
import { SettledShipment } from './settled-shipment.entity';

export type SettledShipmentStatus = SettledShipment['status'];

/**
 * A shipment as settlement knows it: `delivered` (its COD owed by the carrier), or `returned`
 * (nothing to collect) — after a delivery, whose posting is then reversed, or without one.
 */
const TRANSITIONS: Record<SettledShipmentStatus, readonly SettledShipmentStatus[]> = {
  delivered: ['returned'],
  returned: [],
};

export function canTransition(from: SettledShipmentStatus, to: SettledShipmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

type KnownField =
  'shipmentId' | 'orderId' | 'sellerId' | 'partnerId' | 'carrierCode' | 'trackingCode' | 'receiverProvinceCode' | 'itemsVnd';

/** What settlement keeps of a shipment's facts, whichever event told them. */
function known(f: ShipmentFacts): Pick<SettledShipment, KnownField> {
  return {
    shipmentId: f.shipmentId,
    orderId: f.orderId,
    sellerId: f.sellerId,
    partnerId: f.partnerId,
    carrierCode: f.carrierCode,
    trackingCode: f.trackingCode,
    receiverProvinceCode: f.receiverProvinceCode,
    itemsVnd: f.itemsVnd,
  };
}

/** A COD delivery: the carrier owes `codVnd`, the seller is owed its share. */
export function delivered(
  f: ShipmentFacts,
  money: Pick<SettledShipment, 'codVnd' | 'commissionVnd' | 'sellerShareVnd'>,
  deliveredAt: Date,
): SettledShipment {
  return Object.assign(new SettledShipment(), {
    ...known(f),
    ...money,
    status: 'delivered' as const,
    deliveredAt,
    returnedAt: null,
    remittanceId: null,
    remittedAt: null,
  });
}

/** Returned with nothing collected: known anyway, so that the carrier's return-fee lines match it. */
export function returnedUndelivered(f: ShipmentFacts, returnedAt: Date): SettledShipment {
  return Object.assign(new SettledShipment(), {
    ...known(f),
    status: 'returned' as const,
    codVnd: 0,
    commissionVnd: 0,
    sellerShareVnd: 0,
    deliveredAt: null,
    returnedAt,
    remittanceId: null,
    remittedAt: null,
  });
}

/** A delivered shipment came back: nothing is owed on it any more (the caller reverses the posting). */
export function markReturned(s: SettledShipment, at: Date, trackingCode: string | null): void {
  if (!canTransition(s.status, 'returned')) throw new IllegalTransitionError('Shipment', s.status, 'returned');
  Object.assign(s, {
    trackingCode: s.trackingCode ?? trackingCode,
    status: 'returned' as const,
    codVnd: 0,
    commissionVnd: 0,
    sellerShareVnd: 0,
    returnedAt: at,
  });
}
