import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StockRejectedV1, StockReservedV1, type CloudEvent, type EventData } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { OrderLifecycle } from './order-lifecycle';
import { OrdersRepository } from './orders.repository';

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

  @OnEvent(StockReservedV1)
  async onReserved(e: CloudEvent<EventData<typeof StockReservedV1>>, manager: EntityManager): Promise<void> {
    const agg = await this.orders.load(e.data.orderId, manager, true);
    const sub = agg?.subOrders.find((s) => s.id === e.data.subOrderId);
    if (!agg || !sub || sub.status !== 'pending') return;
    if (agg.order.status !== 'pending') {
      // Too late (cancelled, rejected or timed out meanwhile): the stock goes back.
      sub.status = 'reserved';
      await this.lifecycle.releaseStock(manager, agg, agg.order.status === 'cancelled' ? 'cancelled' : 'rejected', [sub.id]);
      return;
    }
    sub.status = 'reserved';
    await this.orders.saveSubOrders(manager, [sub]);
    if (agg.subOrders.every((s) => s.status === 'reserved')) await this.lifecycle.confirm(manager, agg);
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
