import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ShipmentDeliveredV1,
  ShipmentReturnedV1,
  ShipmentStatusChangedV1,
  type CallerIdentity,
  type ShipmentReport,
  type ShipmentReportResult,
  type ShipmentStatus,
} from '@app/contracts';
import { event, type PendingEvent } from '@app/messaging';
import { IllegalTransitionError, NotFoundError } from '@app/platform';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrdersRepository, type OrderAggregate } from '../orders/orders.repository';
import { judgeReport, ShipmentMoves } from '../shipments/shipment-state';
import type { Shipment } from '../shipments/shipment.entity';
import { ShipmentsRepository } from '../shipments/shipments.repository';
import { Fulfilment } from './fulfilment';
import { shipmentFacts } from './shipment-facts';

/**
 * A carrier's report applied to its shipment and, through it, to the order: duplicates and stale
 * reports are recorded and change nothing, illegal moves are 409, a carrier touches only its own
 * shipments (others: 404), a returned parcel gives its stock back, and the order follows.
 */
@Injectable()
export class CarrierReports {
  constructor(
    private readonly shipments: ShipmentsRepository,
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly fulfilment: Fulfilment,
  ) {}

  /** The shipment, locked, if this caller may report on it; otherwise 404. */
  async ownShipment(manager: EntityManager, caller: CallerIdentity, id: string): Promise<Shipment> {
    const s = await this.shipments.lock(manager, id);
    if (!s || (caller.role !== 'admin' && s.carrierCode !== caller.carrierCode)) throw new NotFoundError('Shipment', id, 'vận đơn');
    return s;
  }

  async apply(
    manager: EntityManager,
    caller: CallerIdentity,
    r: ShipmentReport,
    raw: Record<string, unknown> | null,
  ): Promise<ShipmentReportResult> {
    // The order row is the lock every writer of this order takes first.
    const orderId = await this.shipments.orderIdOf(manager, r.shipmentId);
    const agg = orderId ? await this.orders.load(orderId, manager, true) : null;
    const s = await this.ownShipment(manager, caller, r.shipmentId);
    const occurredAt = new Date(r.occurredAt);
    const verdict = judgeReport(s.status, r.status);
    const record = (outcome: string) =>
      this.shipments.record(manager, {
        shipmentId: s.id,
        status: r.status,
        carrierStatusCode: r.carrierStatusCode ?? null,
        occurredAt,
        source: r.source === 'webhook' ? `webhook:${s.carrierCode}` : 'api',
        outcome,
        location: r.location ?? null,
        raw: raw ?? { ...r },
      });
    if (verdict === 'illegal') {
      throw new IllegalTransitionError('Shipment', s.status, r.status).vi(`Vận đơn không thể chuyển từ ${s.status} sang ${r.status}.`);
    }
    if (verdict !== 'apply' || !agg) {
      await record(verdict);
      return { shipmentId: s.id, applied: false, ignored: verdict === 'apply' ? 'stale' : verdict, status: s.status };
    }
    const from = s.status;
    ShipmentMoves.report(s, {
      status: r.status,
      at: occurredAt,
      carrierStatusCode: r.carrierStatusCode ?? null,
      trackingCode: r.trackingCode,
      codCollectedVnd: r.codCollectedVnd,
    });
    await this.shipments.save(manager, s);
    agg.shipments = agg.shipments.map((x) => (x.id === s.id ? s : x));
    await record('applied');
    const events = this.events(s, agg, from, r);
    if (s.status === 'returned') events.push(...this.lifecycle.release(agg, 'returned', [s.subOrderId]));
    events.push(...this.fulfilment.follow(agg, new Date()));
    await this.fulfilment.save(
      manager,
      [agg],
      agg.subOrders.filter((x) => x.id === s.subOrderId),
      events,
    );
    return { shipmentId: s.id, applied: true, status: s.status };
  }

  private events(s: Shipment, agg: OrderAggregate, from: ShipmentStatus, r: ShipmentReport): PendingEvent<unknown>[] {
    const facts = shipmentFacts(s, agg);
    const events: PendingEvent<unknown>[] = [
      event(ShipmentStatusChangedV1, s.id, {
        ...facts,
        from,
        to: s.status,
        carrierStatusCode: s.carrierStatusCode,
        occurredAt: s.statusAt.toISOString(),
        location: r.location ?? null,
        reason: r.reason ?? null,
      }),
    ];
    if (s.status === 'delivered')
      events.push(
        event(ShipmentDeliveredV1, s.id, { ...facts, deliveredAt: s.statusAt.toISOString(), codCollectedVnd: s.codCollectedVnd ?? 0 }),
      );
    if (s.status === 'returned')
      events.push(event(ShipmentReturnedV1, s.id, { ...facts, returnedAt: s.statusAt.toISOString(), reason: r.reason ?? null }));
    return events;
  }
}
