import { Injectable } from '@nestjs/common';
import { validate as isUuid } from 'uuid';
import type { CallerIdentity, OrderListRequest, OrderView, Page } from '@app/contracts';
import { decodeCursor, encodeCursor } from '@app/persistence';
import { NotFoundError } from '@app/platform';
import { ShipmentsRepository } from '../shipments/shipments.repository';
import { OrderListRepository, type ListPosition } from '../orders/order-list.repository';
import { canSee, orderView } from '../orders/order.view';
import { OrdersRepository } from '../orders/orders.repository';

/** Past the last row below the horizon: every change at a lower position is already visible. */
const LAST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** Reading orders with their parcels: one with its tracking, and the lists (newest change first, or catch-up). */
@Injectable()
export class OrderReadsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly lists: OrderListRepository,
    private readonly shipments: ShipmentsRepository,
  ) {}

  async get(caller: CallerIdentity, id: string): Promise<OrderView> {
    const agg = isUuid(id) ? await this.orders.load(id) : null;
    if (!agg || !canSee(agg, caller)) throw new NotFoundError('Order', id, 'đơn hàng');
    return orderView(agg, caller, await this.shipments.tracking(agg.shipments.map((s) => s.id)));
  }

  /**
   * A page of the caller's orders. With `updatedSince` (or a catch-up cursor) the oldest change
   * comes first and `nextCursor` is always given: polling with it never skips or repeats a change.
   */
  async list(caller: CallerIdentity, r: OrderListRequest): Promise<Page<OrderView>> {
    const after = decodeCursor<{ x: string; id: string; d: string }>(
      r.cursor,
      ['x', 'id', 'd'],
      (k) => /^\d{1,19}$/.test(k.x) && (isUuid(k.id) || k.id === LAST_ID) && (k.d === 'a' || k.d === 'd'),
    );
    const catchUp = after ? after.d === 'a' : r.updatedSince !== undefined;
    const { rows, horizon } = await this.lists.page({
      caller,
      status: r.status,
      subOrderStatus: r.subOrderStatus,
      sellerId: r.sellerId,
      createdFrom: r.createdFrom ? new Date(r.createdFrom) : undefined,
      createdTo: r.createdTo ? new Date(r.createdTo) : undefined,
      catchUp,
      updatedSince: r.updatedSince ? new Date(r.updatedSince) : undefined,
      after: after ? { x: after.x, id: after.id } : undefined,
      limit: r.limit,
    });
    const more = rows.length > r.limit;
    const pageRows = more ? rows.slice(0, r.limit) : rows;
    const aggs = await this.orders.loadMany(pageRows.map((x) => x.id));
    const items = pageRows.flatMap((x) => {
      const agg = aggs.get(x.id);
      return agg ? [orderView(agg, caller)] : [];
    });
    const last = pageRows[pageRows.length - 1];
    let next: ListPosition | null = more ? { x: last.x, id: last.id } : null;
    if (catchUp && !more) {
      // Caught up: every change below the horizon was seen, so the next poll starts there.
      const caughtUp = { x: (BigInt(horizon) - 1n).toString(), id: LAST_ID };
      next = after && BigInt(after.x) > BigInt(caughtUp.x) ? { x: after.x, id: after.id } : caughtUp;
    }
    return { items, nextCursor: next ? encodeCursor({ ...next, d: catchUp ? 'a' : 'd' }) : null };
  }
}
