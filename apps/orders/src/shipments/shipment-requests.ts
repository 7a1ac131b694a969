import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ShipmentCancelledV1, ShipmentRequestedV1, type PickupWindow, type ShipmentParty } from '@app/contracts';
import { event, type PendingEvent } from '@app/messaging';
import { toVietnamIso } from '@app/platform';
import { ShipmentMoves } from './shipment-state';
import { Shipment } from './shipment.entity';
import { ShipmentsRepository } from './shipments.repository';

/** What a parcel request needs to know of its order and sub-order. */
export interface ParcelRequest {
  orderId: string;
  subOrderId: string;
  carrierCode: string;
  service: 'standard' | 'express';
  senderName: string;
  /** A product of the sub-order: the seller's pickup point comes from its catalog snapshot. */
  senderProductId: string | null;
  receiver: ShipmentParty;
  items: { name: string; quantity: number; weightGrams: number; valueVnd: number }[];
  weightGrams: number;
  codVnd: number;
  valueVnd: number;
  pickupWindow: { from: Date; to: Date } | null;
}

/**
 * Shipments come to be and are called off here: a request becomes a `requested` shipment and the
 * `fulfilment.shipment.requested.v1` carriers consume; a cancellation tells the carrier not to come.
 * The caller writes the returned events to the outbox in the same transaction.
 */
@Injectable()
export class ShipmentRequests {
  constructor(private readonly shipments: ShipmentsRepository) {}

  async request(
    manager: EntityManager,
    requests: ParcelRequest[],
    at: Date,
  ): Promise<{ shipments: Shipment[]; events: PendingEvent<unknown>[] }> {
    if (requests.length === 0) return { shipments: [], events: [] };
    const senders = await this.shipments.sendersOf(
      manager,
      requests.flatMap((r) => (r.senderProductId ? [r.senderProductId] : [])),
    );
    const shipments: Shipment[] = [];
    const events: PendingEvent<unknown>[] = [];
    for (const r of requests) {
      const seller = r.senderProductId ? (senders.get(r.senderProductId) ?? null) : null;
      const shipment = Object.assign(new Shipment(), {
        id: uuidv7(),
        orderId: r.orderId,
        subOrderId: r.subOrderId,
        carrierCode: r.carrierCode,
        trackingCode: null,
        status: 'requested' as const,
        carrierStatusCode: null,
        statusAt: at,
        sender: {
          name: r.senderName,
          phone: seller?.phone ?? '',
          provinceCode: seller?.provinceCode ?? '',
          wardCode: seller?.wardCode ?? '',
          line: seller?.line ?? '',
        },
        receiver: r.receiver,
        weightGrams: r.weightGrams,
        codVnd: r.codVnd,
        codCollectedVnd: null,
        pickupFrom: r.pickupWindow?.from ?? null,
        pickupTo: r.pickupWindow?.to ?? null,
      });
      shipments.push(shipment);
      events.push(
        event(ShipmentRequestedV1, shipment.id, {
          shipmentId: shipment.id,
          orderId: r.orderId,
          carrierCode: shipment.carrierCode,
          service: r.service,
          sender: shipment.sender,
          receiver: shipment.receiver,
          items: r.items,
          weightGrams: r.weightGrams,
          codVnd: r.codVnd,
          valueVnd: r.valueVnd,
          requestedAt: at.toISOString(),
          ...(r.pickupWindow ? { pickupWindow: pickupWindowView(r.pickupWindow) } : {}),
        }),
      );
    }
    await this.shipments.insert(manager, ...shipments);
    return { shipments, events };
  }

  /** Calls off every shipment not yet picked up (the carrier must not come). */
  async cancelRequested(manager: EntityManager, shipments: Shipment[], reason: string): Promise<PendingEvent<unknown>[]> {
    const events: PendingEvent<unknown>[] = [];
    const at = new Date();
    for (const s of shipments.filter((sh) => sh.status === 'requested')) {
      ShipmentMoves.cancel(s, at);
      await this.shipments.save(manager, s);
      events.push(
        event(ShipmentCancelledV1, s.id, {
          shipmentId: s.id,
          orderId: s.orderId,
          carrierCode: s.carrierCode,
          reason,
          cancelledAt: at.toISOString(),
        }),
      );
    }
    return events;
  }
}

/** A pickup window as the API and the carriers' contract show it (Vietnam time, with its offset). */
export function pickupWindowView(w: { from: Date; to: Date }): PickupWindow {
  return { from: toVietnamIso(w.from), to: toVietnamIso(w.to) };
}
