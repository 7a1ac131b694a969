import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OrderStatusChangedV1, ShipmentCancelledV1, ShipmentRequestedV1, SubOrderReleasedV1, type OrderStatus } from '@app/contracts';
import { event, Outbox, type PendingEvent } from '@app/messaging';
import { ORDERS_ENV } from '../orders.tokens';
import type { OrdersEnv } from '../orders.env';
import { Shipment } from '../shipments/shipment.entity';
import { ShipmentsRepository } from '../shipments/shipments.repository';
import { assertTransition } from './order-state';
import { OrdersRepository, type OrderAggregate } from './orders.repository';

type ReleaseReason = 'cancelled' | 'rejected' | 'timed_out' | 'returned';

/**
 * The named transitions of an order and what each sets off: every status change is checked against
 * the state machine and emits its event; confirming creates the shipment requests carriers
 * consume; cancelling and rejecting give reserved stock back. Callers hold the order row lock.
 */
@Injectable()
export class OrderLifecycle {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly shipments: ShipmentsRepository,
    private readonly outbox: Outbox,
    @Inject(ORDERS_ENV) private readonly env: OrdersEnv,
  ) {}

  async transition(manager: EntityManager, agg: OrderAggregate, to: OrderStatus, reason?: string): Promise<void> {
    const from = agg.order.status;
    assertTransition(from, to);
    agg.order.status = to;
    if (reason !== undefined) agg.order.reason = reason;
    await this.orders.saveOrder(manager, agg.order);
    await this.outbox.add(
      manager,
      event(OrderStatusChangedV1, agg.order.id, {
        orderId: agg.order.id,
        from,
        to,
        ...(reason ? { reason } : {}),
        at: new Date().toISOString(),
      }),
    );
  }

  /** Gives back the stock of every sub-order that holds (or may soon hold) a reservation. */
  async releaseStock(manager: EntityManager, agg: OrderAggregate, reason: ReleaseReason, only?: string[]): Promise<void> {
    const events: PendingEvent<unknown>[] = [];
    for (const s of agg.subOrders) {
      if (only && !only.includes(s.id)) continue;
      if (s.status !== 'reserved' && s.status !== 'pending') continue;
      s.status = 'released';
      events.push(event(SubOrderReleasedV1, agg.order.id, { orderId: agg.order.id, subOrderId: s.id, reason }));
    }
    await this.orders.saveSubOrders(manager, agg.subOrders);
    await this.outbox.add(manager, ...events);
  }

  /** All sub-orders reserved: confirm, and request one shipment per sub-order from the carrier. */
  confirm(manager: EntityManager, agg: OrderAggregate): Promise<void> {
    return this.confirmMany(manager, [agg]);
  }

  /** {@link confirm} for several orders at once: the same writes, a handful of statements for all. */
  async confirmMany(manager: EntityManager, aggs: OrderAggregate[]): Promise<void> {
    if (aggs.length === 0) return;
    const at = new Date();
    const events: PendingEvent<unknown>[] = [];
    for (const agg of aggs) {
      const from = agg.order.status;
      assertTransition(from, 'confirmed');
      agg.order.status = 'confirmed';
      events.push(event(OrderStatusChangedV1, agg.order.id, { orderId: agg.order.id, from, to: 'confirmed', at: at.toISOString() }));
    }
    await this.orders.saveOrders(
      manager,
      aggs.map((a) => a.order),
    );
    const subs = aggs.flatMap((a) => a.subOrders.map((sub) => ({ agg: a, sub })));
    const senders = await this.shipments.sendersOf(
      manager,
      subs.flatMap(({ sub }) => (sub.items.length > 0 ? [sub.items[0].productId] : [])),
    );
    const created: Shipment[] = [];
    for (const { agg, sub } of subs) {
      const { order } = agg;
      const seller = sub.items.length > 0 ? (senders.get(sub.items[0].productId) ?? null) : null;
      const shipment = Object.assign(new Shipment(), {
        id: uuidv7(),
        orderId: order.id,
        subOrderId: sub.id,
        carrierCode: order.carrierCode,
        trackingCode: null,
        status: 'requested' as const,
        carrierStatusCode: null,
        statusAt: at,
        sender: {
          name: sub.sellerName,
          phone: seller?.phone ?? '',
          provinceCode: seller?.provinceCode ?? '',
          wardCode: seller?.wardCode ?? '',
          line: seller?.line ?? '',
        },
        receiver: { name: order.buyerName, phone: order.buyerPhone, ...order.address },
        weightGrams: sub.weightGrams,
        codVnd: sub.codVnd,
        codCollectedVnd: null,
      });
      created.push(shipment);
      sub.shipmentId = shipment.id;
      agg.shipments.push(shipment);
      events.push(
        event(ShipmentRequestedV1, shipment.id, {
          shipmentId: shipment.id,
          orderId: order.id,
          carrierCode: shipment.carrierCode,
          service: order.service,
          sender: shipment.sender,
          receiver: shipment.receiver,
          items: sub.items.map((l) => ({
            name: l.name,
            quantity: l.quantity,
            weightGrams: l.weightGrams * l.quantity,
            valueVnd: l.lineVnd,
          })),
          weightGrams: sub.weightGrams,
          codVnd: sub.codVnd,
          valueVnd: sub.itemsVnd,
          requestedAt: at.toISOString(),
        }),
      );
    }
    await this.shipments.insert(manager, ...created);
    await this.orders.saveSubOrders(
      manager,
      subs.map((s) => s.sub),
    );
    await this.outbox.add(manager, ...events);
  }

  /** Calls off every shipment not yet picked up (the carrier must not come). */
  async cancelShipments(manager: EntityManager, agg: OrderAggregate, reason: string): Promise<void> {
    const events: PendingEvent<unknown>[] = [];
    for (const s of agg.shipments.filter((sh) => sh.status === 'requested')) {
      s.status = 'cancelled';
      s.statusAt = new Date();
      await this.shipments.save(manager, s);
      events.push(
        event(ShipmentCancelledV1, s.id, {
          shipmentId: s.id,
          orderId: s.orderId,
          carrierCode: s.carrierCode,
          reason,
          cancelledAt: s.statusAt.toISOString(),
        }),
      );
    }
    await this.outbox.add(manager, ...events);
  }

  get defaultCarrier(): string {
    return this.env.DEFAULT_CARRIER_CODE;
  }
}
