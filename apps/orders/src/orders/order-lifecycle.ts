import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderStatusChangedV1, SubOrderReleasedV1, type EventData, type OrderStatus } from '@app/contracts';
import { event, Outbox, type PendingEvent } from '@app/messaging';
import { moveOrder } from './order-state';
import { OrdersRepository, type OrderAggregate } from './orders.repository';
import { holdsStock, SubOrderMoves } from './sub-order-state';

export type ReleaseReason = EventData<typeof SubOrderReleasedV1>['reason'];

/**
 * The named moves of an order and what each sets off: every status change is checked against the
 * state machine and emits its event; giving stock back releases the sub-orders that hold it.
 * Callers hold the order row lock.
 */
@Injectable()
export class OrderLifecycle {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Moves the order (in memory) and returns its event; {@link transition} also writes it. */
  move(agg: OrderAggregate, to: OrderStatus, at: Date, reason?: string): PendingEvent<unknown> {
    const from = agg.order.status;
    moveOrder(agg.order, to, reason);
    return event(OrderStatusChangedV1, agg.order.id, {
      orderId: agg.order.id,
      from,
      to,
      ...(reason ? { reason } : {}),
      at: at.toISOString(),
    });
  }

  async transition(manager: EntityManager, agg: OrderAggregate, to: OrderStatus, reason?: string): Promise<void> {
    const e = this.move(agg, to, new Date(), reason);
    await this.orders.saveOrders(manager, [agg.order]);
    await this.outbox.add(manager, e);
  }

  /**
   * Releases (in memory) every sub-order that holds, or may soon hold, a reservation — or only
   * those in `only` — and returns the events that give the catalog its stock back.
   */
  release(agg: OrderAggregate, reason: ReleaseReason, only?: string[]): PendingEvent<unknown>[] {
    const events: PendingEvent<unknown>[] = [];
    for (const s of agg.subOrders) {
      if ((only && !only.includes(s.id)) || !holdsStock(s)) continue;
      SubOrderMoves.release(s);
      events.push(event(SubOrderReleasedV1, agg.order.id, { orderId: agg.order.id, subOrderId: s.id, reason }));
    }
    return events;
  }

  async releaseStock(manager: EntityManager, agg: OrderAggregate, reason: ReleaseReason, only?: string[]): Promise<void> {
    const events = this.release(agg, reason, only);
    await this.orders.saveSubOrders(manager, agg.subOrders);
    await this.outbox.add(manager, ...events);
  }
}
