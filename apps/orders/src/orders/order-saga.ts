import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StockRejectedV1, StockReservedV1, type CloudEvent, type EventData } from '@app/contracts';
import { OnEvent, OnEvents } from '@app/messaging';
import { OrderLifecycle } from './order-lifecycle';
import { OrdersRepository } from './orders.repository';
import type { SubOrder } from './sub-order.entity';

/**
 * The orders side of the stock saga: all sub-orders reserved → confirmed (and shipments
 * requested); any sub-order rejected → the whole order rejected, the other reservations given
 * back. A reservation that arrives after the order was cancelled or timed out is given back too.
 */
@Injectable()
export class OrderSaga {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
  ) {}

  /**
   * A run of reservations in one pass: their orders locked at once (in id order), each
   * reservation applied in turn, then the sub-orders written and every order whose sub-orders
   * are now all reserved confirmed together — a few statements for the run instead of a dozen
   * per reservation.
   */
  @OnEvents(StockReservedV1)
  async onReserved(events: CloudEvent<EventData<typeof StockReservedV1>>[], manager: EntityManager): Promise<void> {
    const aggs = await this.orders.loadMany(
      events.map((e) => e.data.orderId),
      manager,
      true,
    );
    const reserved = new Set<SubOrder>();
    for (const e of events) {
      const agg = aggs.get(e.data.orderId);
      const sub = agg?.subOrders.find((s) => s.id === e.data.subOrderId);
      if (!agg || !sub || sub.status !== 'pending') continue;
      sub.status = 'reserved';
      if (agg.order.status !== 'pending') {
        // Too late (cancelled, rejected or timed out meanwhile): the stock goes back.
        await this.lifecycle.releaseStock(manager, agg, agg.order.status === 'cancelled' ? 'cancelled' : 'rejected', [sub.id]);
        continue;
      }
      reserved.add(sub);
    }
    const complete = [...aggs.values()].filter(
      (agg) =>
        agg.order.status === 'pending' && agg.subOrders.some((s) => reserved.has(s)) && agg.subOrders.every((s) => s.status === 'reserved'),
    );
    const completeIds = new Set(complete.map((a) => a.order.id));
    // Confirming writes all of an order's sub-orders; the others' reserved ones are written here.
    await this.orders.saveSubOrders(
      manager,
      [...reserved].filter((s) => !completeIds.has(s.orderId)),
    );
    await this.lifecycle.confirmMany(manager, complete);
  }

  @OnEvent(StockRejectedV1)
  async onRejected(e: CloudEvent<EventData<typeof StockRejectedV1>>, manager: EntityManager): Promise<void> {
    const agg = await this.orders.load(e.data.orderId, manager, true);
    const sub = agg?.subOrders.find((s) => s.id === e.data.subOrderId);
    if (!agg || !sub || sub.status !== 'pending') return;
    sub.status = 'rejected';
    sub.rejection = e.data.lines;
    await this.orders.saveSubOrders(manager, [sub]);
    if (agg.order.status !== 'pending') return;
    const names = e.data.lines.map((l) => sub.items.find((i) => i.productId === l.productId)?.name ?? l.productId).join(', ');
    await this.lifecycle.transition(manager, agg, 'rejected', `out of stock: ${names}`);
    await this.lifecycle.releaseStock(manager, agg, 'rejected');
  }
}
