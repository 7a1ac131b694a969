import { defineEvent } from '../cloud-event';
import { registerEvents } from '../event-registry';
import { Topics } from '../topics';

/** A party of a shipment: sender (the seller's pickup point) or receiver (the buyer). */
export interface ShipmentParty {
  name: string;
  /** E.164. */
  phone: string;
  provinceCode: string;
  wardCode: string;
  line: string;
}

/**
 * Public contract for postal carriers (topic `fulfilment.shipments`, key = shipment id): pick this
 * parcel up from the sender and deliver it, collecting `codVnd` in cash.
 */
export const ShipmentRequestedV1 = defineEvent<{
  shipmentId: string;
  orderId: string;
  carrierCode: string;
  /** Carrier service: `standard` or `express`. */
  service: 'standard' | 'express';
  sender: ShipmentParty;
  receiver: ShipmentParty;
  items: { name: string; quantity: number; weightGrams: number; valueVnd: number }[];
  weightGrams: number;
  /** Cash to collect on delivery, integer đồng (0: nothing to collect). */
  codVnd: number;
  /** Declared value of the goods, integer đồng. */
  valueVnd: number;
  requestedAt: string;
  /** When the seller will have the parcel ready (ISO 8601 with offset); absent: any time. */
  pickupWindow?: { from: string; to: string };
}>('fulfilment.shipment.requested.v1', Topics.fulfilmentShipments);

/** Do not pick up (order cancelled before hand-over). */
export const ShipmentCancelledV1 = defineEvent<{
  shipmentId: string;
  orderId: string;
  carrierCode: string;
  reason: string;
  cancelledAt: string;
}>('fulfilment.shipment.cancelled.v1', Topics.fulfilmentShipments);

registerEvents(ShipmentRequestedV1, ShipmentCancelledV1);
