import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StockRejectedV1, StockReservedV1, type EventOf } from '@app/contracts';
import { OnEvent, OnEvents, type PendingEvent } from '@app/messaging';
import { Fulfilment } from '../fulfilment/fulfilment';
import { OrderLifecycle } from './order-lifecycle';
import { OrdersRepository, type OrderAggregate } from './orders.repository';
import { SubOrderMoves } from './sub-order-state';

/**
 * The orders side of the stock saga: all sub-orders reserved → confirmed (sellers asked, or
 * shipments requested for sellers on `auto`); any sub-order rejected → the whole order rejected, the other reservations given
 * back. A reservation that arrives after the order was cancelled or timed out is given back too.
 */
@Injectable()
export class OrderSaga {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly fulfilment: Fulfilment,
  ) {}

  /**
   * A run of reservations in one pass: their orders locked at once (in id order), each
   * reservation applied in turn, then the sub-orders and orders written and every order whose
   * sub-orders are now all reserved confirmed together — a few statements for the run instead of
   * a dozen per reservation.
   */
  @OnEvents(StockReservedV1)
  async onReserved(events: EventOf<typeof StockReservedV1>[], manager: EntityManager): Promise<void> {
    const aggs = await this.orders.loadMany(
      events.map((e) => e.data.orderId),
      manager,
      true,
    );
    const touched = new Set<OrderAggregate>();
    const releases: PendingEvent<unknown>[] = [];
    for (const e of events) {
      const agg = aggs.get(e.data.orderId);
      const sub = agg?.subOrders.find((s) => s.id === e.data.subOrderId);
      if (!agg || !sub || sub.status !== 'pending') continue;
      SubOrderMoves.reserve(sub);
      touched.add(agg);
      // Too late (cancelled, rejected or timed out meanwhile): the stock goes back.
      if (agg.order.status !== 'pending')
        releases.push(...this.lifecycle.release(agg, agg.order.status === 'cancelled' ? 'cancelled' : 'rejected', [sub.id]));
    }
    const complete = [...touched].filter((agg) => agg.order.status === 'pending' && agg.subOrders.every((s) => s.status === 'reserved'));
    // Confirming writes its orders and their sub-orders; the others touched are written here.
    const rest = [...touched].filter((agg) => !complete.includes(agg));
    await this.fulfilment.save(
      manager,
      rest,
      rest.flatMap((a) => a.subOrders),
      releases,
    );
    await this.fulfilment.confirm(manager, complete);
  }

  @OnEvent(StockRejectedV1)
  async onRejected(e: EventOf<typeof StockRejectedV1>, manager: EntityManager): Promise<void> {
    const agg = await this.orders.load(e.data.orderId, manager, true);
    const sub = agg?.subOrders.find((s) => s.id === e.data.subOrderId);
    if (!agg || !sub || sub.status !== 'pending') return;
    SubOrderMoves.rejectReservation(sub, e.data.lines);
    const events: PendingEvent<unknown>[] = [];
    if (agg.order.status === 'pending') {
      const names = e.data.lines.map((l) => sub.items.find((i) => i.productId === l.productId)?.name ?? l.productId).join(', ');
      events.push(this.lifecycle.move(agg, 'rejected', new Date(), `out of stock: ${names}`), ...this.lifecycle.release(agg, 'rejected'));
    }
    await this.fulfilment.save(manager, [agg], agg.subOrders, events);
  }
}
