import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  SubOrderAcceptedV1,
  SubOrderAwaitingSellerV1,
  SubOrderDeclinedV1,
  SubOrderExpiredV1,
  SubOrderReleasedV1,
  type DeclineReason,
  type OrderTotals,
} from '@app/contracts';
import { event, Outbox, type PendingEvent } from '@app/messaging';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrdersRepository, type OrderAggregate } from '../orders/orders.repository';
import { countsInTotals, isWithdrawn, SubOrderMoves } from '../orders/sub-order-state';
import type { SubOrder } from '../orders/sub-order.entity';
import type { OrdersEnv } from '../orders.env';
import { ORDERS_ENV } from '../orders.tokens';
import { isTerminal } from '../shipments/shipment-state';
import { ShipmentRequests, pickupWindowView, type ParcelRequest } from '../shipments/shipment-requests';

export type Withdrawal = { kind: 'declined'; reason: DeclineReason; note?: string } | { kind: 'expired' };

export interface Acceptance {
  pickupWindow?: { from: Date; to: Date };
  note?: string;
}

/**
 * Where an order and its parcels meet: a confirmed order asks its manual sellers and requests the
 * parcels of the others; a seller's acceptance requests its parcel, a decline or a missed deadline
 * takes its sub-order out of the order; the order follows its parcels. The orders and shipments
 * folders call this, never each other's internals. Callers hold the order row lock and a transaction.
 */
@Injectable()
export class Fulfilment {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly parcels: ShipmentRequests,
    private readonly outbox: Outbox,
    @Inject(ORDERS_ENV) private readonly env: OrdersEnv,
  ) {}

  /** Every sub-order reserved: the orders are confirmed; manual sellers are asked, auto sellers' parcels requested. */
  async confirm(manager: EntityManager, aggs: OrderAggregate[]): Promise<void> {
    if (aggs.length === 0) return;
    const at = new Date();
    const acceptBy = new Date(at.getTime() + this.env.SELLER_ACCEPT_TIMEOUT_MS);
    const events: PendingEvent<unknown>[] = [];
    const accepted: { agg: OrderAggregate; sub: SubOrder }[] = [];
    for (const agg of aggs) {
      events.push(this.lifecycle.move(agg, 'confirmed', at));
      for (const sub of agg.subOrders) {
        if (sub.acceptance === 'manual') {
          SubOrderMoves.awaitSeller(sub, acceptBy);
          events.push(
            event(SubOrderAwaitingSellerV1, agg.order.id, {
              ...subOrderRef(sub),
              acceptBy: acceptBy.toISOString(),
              itemsVnd: sub.itemsVnd,
              shippingVnd: sub.shippingVnd,
              codVnd: sub.codVnd,
              lines: sub.items.map((l) => ({ productId: l.productId, name: l.name, quantity: l.quantity, lineVnd: l.lineVnd })),
            }),
          );
        } else {
          SubOrderMoves.accept(sub, at);
          accepted.push({ agg, sub });
        }
      }
    }
    events.push(...(await this.requestParcels(manager, accepted, at, true)));
    await this.save(
      manager,
      aggs,
      aggs.flatMap((a) => a.subOrders),
      events,
    );
  }

  /** The seller accepts: the sub-order's parcel is requested, with the pickup window if one was given. */
  async accept(manager: EntityManager, agg: OrderAggregate, sub: SubOrder, answer: Acceptance): Promise<void> {
    const at = new Date();
    SubOrderMoves.accept(sub, at, { pickupFrom: answer.pickupWindow?.from, pickupTo: answer.pickupWindow?.to, note: answer.note });
    const events = await this.requestParcels(manager, [{ agg, sub }], at, false);
    await this.save(manager, [agg], [sub], events);
  }

  /**
   * The seller declines, or its deadline passed: the stock goes back, the order's totals and COD
   * drop by the sub-order, and an order with no sub-order left is cancelled.
   */
  async withdraw(manager: EntityManager, agg: OrderAggregate, sub: SubOrder, how: Withdrawal): Promise<void> {
    const at = new Date();
    const acceptBy = sub.acceptBy;
    if (how.kind === 'declined') SubOrderMoves.decline(sub, at, how.reason, how.note);
    else SubOrderMoves.expire(sub, at);
    const live = agg.subOrders.filter((s) => !isWithdrawn(s));
    const totals = (subs: SubOrder[]): OrderTotals => ({
      itemsVnd: subs.reduce((t, s) => t + s.itemsVnd, 0),
      shippingVnd: subs.reduce((t, s) => t + s.shippingVnd, 0),
      codVnd: subs.reduce((t, s) => t + s.codVnd, 0),
    });
    const orderTotals = totals(agg.subOrders.filter(countsInTotals));
    Object.assign(agg.order, orderTotals);
    const withdrawal = {
      ...subOrderRef(sub),
      removed: totals([sub]),
      orderTotals,
      deliveryProvinceCode: agg.order.address.provinceCode,
    };
    const events: PendingEvent<unknown>[] = [
      event(SubOrderReleasedV1, agg.order.id, { orderId: agg.order.id, subOrderId: sub.id, reason: how.kind }),
      how.kind === 'declined'
        ? event(SubOrderDeclinedV1, agg.order.id, {
            ...withdrawal,
            reason: how.reason,
            note: how.note ?? null,
            declinedAt: at.toISOString(),
          })
        : event(SubOrderExpiredV1, agg.order.id, { ...withdrawal, acceptBy: (acceptBy ?? at).toISOString(), expiredAt: at.toISOString() }),
    ];
    if (live.length === 0) {
      const why = how.kind === 'declined' ? 'declined by the seller' : 'no seller answered in time';
      events.push(this.lifecycle.move(agg, 'cancelled', at, why));
    } else {
      events.push(...this.follow(agg, at));
    }
    await this.save(manager, [agg], [sub], events);
  }

  /** The storefront (or an operator) calls the order off: stock back, pick-ups called off. */
  async cancel(manager: EntityManager, agg: OrderAggregate, reason: string): Promise<void> {
    const events = [
      this.lifecycle.move(agg, 'cancelled', new Date(), reason),
      ...this.lifecycle.release(agg, 'cancelled'),
      ...(await this.parcels.cancelRequested(manager, agg.shipments, 'order cancelled')),
    ];
    await this.save(manager, [agg], agg.subOrders, events);
  }

  /**
   * The order follows its parcels: the first one on its way makes it `shipping`; when no seller is
   * still to answer and every parcel is done, it is `delivered` (one arrived) or `returned`.
   */
  follow(agg: OrderAggregate, at: Date): PendingEvent<unknown>[] {
    const live = agg.shipments.filter((s) => s.status !== 'cancelled');
    const events: PendingEvent<unknown>[] = [];
    if (agg.order.status === 'confirmed' && live.some((s) => s.status !== 'requested'))
      events.push(this.lifecycle.move(agg, 'shipping', at));
    const waiting = agg.subOrders.some((s) => s.status === 'awaiting_seller');
    if (agg.order.status === 'shipping' && !waiting && live.every((s) => isTerminal(s.status))) {
      events.push(this.lifecycle.move(agg, live.some((s) => s.status === 'delivered') ? 'delivered' : 'returned', at));
    }
    return events;
  }

  /** Writes the orders (moving them in the order lists), their changed sub-orders and the events. */
  async save(manager: EntityManager, aggs: OrderAggregate[], subs: SubOrder[], events: PendingEvent<unknown>[]): Promise<void> {
    await this.orders.saveOrders(
      manager,
      aggs.map((a) => a.order),
    );
    await this.orders.saveSubOrders(manager, subs);
    await this.outbox.add(manager, ...events);
  }

  private async requestParcels(
    manager: EntityManager,
    accepted: { agg: OrderAggregate; sub: SubOrder }[],
    at: Date,
    automatic: boolean,
  ): Promise<PendingEvent<unknown>[]> {
    const requests: ParcelRequest[] = accepted.map(({ agg: { order }, sub }) => ({
      orderId: order.id,
      subOrderId: sub.id,
      carrierCode: order.carrierCode,
      service: order.service,
      senderName: sub.sellerName,
      senderProductId: sub.items[0]?.productId ?? null,
      receiver: { name: order.buyerName, phone: order.buyerPhone, ...order.address },
      items: sub.items.map((l) => ({ name: l.name, quantity: l.quantity, weightGrams: l.weightGrams * l.quantity, valueVnd: l.lineVnd })),
      weightGrams: sub.weightGrams,
      codVnd: sub.codVnd,
      valueVnd: sub.itemsVnd,
      pickupWindow: sub.pickupFrom && sub.pickupTo ? { from: sub.pickupFrom, to: sub.pickupTo } : null,
    }));
    const { shipments, events } = await this.parcels.request(manager, requests, at);
    shipments.forEach((shipment, i) => {
      const { agg, sub } = accepted[i];
      sub.shipmentId = shipment.id;
      agg.shipments.push(shipment);
      events.push(
        event(SubOrderAcceptedV1, agg.order.id, {
          ...subOrderRef(sub),
          shipmentId: shipment.id,
          automatic,
          pickupWindow: sub.pickupFrom && sub.pickupTo ? pickupWindowView({ from: sub.pickupFrom, to: sub.pickupTo }) : null,
          note: sub.sellerNote,
          acceptedAt: at.toISOString(),
        }),
      );
    });
    return events;
  }
}

function subOrderRef(sub: SubOrder) {
  return { orderId: sub.orderId, subOrderId: sub.id, sellerId: sub.sellerId, partnerId: sub.partnerId };
}
