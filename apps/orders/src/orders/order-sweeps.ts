import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrdersEnv } from '../orders.env';
import { ORDERS_ENV } from '../orders.tokens';
import { Fulfilment } from '../fulfilment/fulfilment';
import { OrderLifecycle } from './order-lifecycle';
import { OrdersRepository } from './orders.repository';

const BATCH = 200;

/**
 * Periodic sweeps: orders stuck `pending` past the timeout are rejected and their reservations
 * released; sub-orders whose seller did not answer by the deadline expire; delivered orders past
 * the return window become `completed`. Rows are taken with
 * SKIP LOCKED, so several instances sweep without stepping on each other.
 */
@Injectable()
export class OrderSweeps implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderSweeps.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly lifecycle: OrderLifecycle,
    private readonly fulfilment: Fulfilment,
    @Inject(ORDERS_ENV) private readonly env: OrdersEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined)
        .catch((e: unknown) => this.logger.warn({ err: e }, 'order sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.env.ORDER_SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<{ timedOut: number; expired: number; completed: number }> {
    const timedOut = await this.rejectStalePending();
    const expired = await this.expireUnanswered();
    const completed = await this.completeDelivered();
    return { timedOut, expired, completed };
  }

  /** Sub-orders still `awaiting_seller` past their deadline expire, as a decline would. */
  private async expireUnanswered(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const aggs = await this.orders.loadMany(await this.orders.lockUnanswered(manager, now, BATCH), manager);
      let expired = 0;
      for (const agg of aggs.values()) {
        for (const sub of agg.subOrders.filter((s) => s.status === 'awaiting_seller' && s.acceptBy && s.acceptBy <= now)) {
          await this.fulfilment.withdraw(manager, agg, sub, { kind: 'expired' });
          expired++;
        }
      }
      if (expired > 0) this.logger.log(`${expired} sub-orders expired without the seller's answer`);
      return expired;
    });
  }

  private async rejectStalePending(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.orders.lockStale(manager, 'pending', new Date(Date.now() - this.env.ORDER_PENDING_TIMEOUT_MS), BATCH);
      for (const id of ids) {
        const agg = (await this.orders.load(id, manager))!;
        await this.lifecycle.transition(manager, agg, 'rejected', 'timed out waiting for stock');
        await this.lifecycle.releaseStock(manager, agg, 'timed_out');
      }
      if (ids.length > 0) this.logger.log(`${ids.length} pending orders timed out`);
      return ids.length;
    });
  }

  private async completeDelivered(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await this.orders.lockStale(
        manager,
        'delivered',
        new Date(Date.now() - this.env.ORDER_COMPLETE_AFTER_HOURS * 3600000),
        BATCH,
      );
      for (const id of ids) await this.lifecycle.transition(manager, (await this.orders.load(id, manager))!, 'completed');
      return ids.length;
    });
  }
}
