import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallerIdentity, OrderStatus, SubOrderStatus } from '@app/contracts';

/** A place in an order list: the change position and the order id (keyset). */
export interface ListPosition {
  x: string;
  id: string;
}

export interface OrderListQuery {
  caller: CallerIdentity;
  status?: OrderStatus[];
  subOrderStatus?: SubOrderStatus[];
  sellerId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  /** Catch-up (oldest change first, only below the horizon); otherwise newest change first. */
  catchUp: boolean;
  /** Catch-up's first page: changes made at or after this time. */
  updatedSince?: Date;
  after?: ListPosition;
  limit: number;
}

export interface ListedOrder {
  id: string;
  x: string;
}

/**
 * The order lists of API.md on their indexes: a storefront's orders by `(storefront_key_id,
 * change_xid, id)`, a partner's by `order_partners (partner_id, change_xid, order_id)`, an
 * operator's by `(change_xid, id)`. Catch-up pages stop below the horizon — the oldest
 * transaction still running — so a change committed later never lands behind a cursor (ADR 0051).
 */
@Injectable()
export class OrderListRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(q: OrderListQuery): Promise<{ rows: ListedOrder[]; horizon: string }> {
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    let from: string;
    let pos: string;
    let id: string;
    let partner: string | null = null;
    switch (q.caller.role) {
      case 'partner':
        partner = p(q.caller.partnerId ?? '');
        from = `order_partners op JOIN orders o ON o.id = op.order_id`;
        where.push(`op.partner_id = ${partner}`);
        [pos, id] = ['op.change_xid', 'op.order_id'];
        break;
      case 'storefront':
        from = 'orders o';
        where.push(`o.storefront_key_id = ${p(q.caller.keyId)}`);
        [pos, id] = ['o.change_xid', 'o.id'];
        break;
      case 'admin':
        from = 'orders o';
        [pos, id] = ['o.change_xid', 'o.id'];
        break;
      case 'carrier':
        return { rows: [], horizon: '0' };
    }
    if (q.status?.length) where.push(`o.status = ANY(${p(q.status)}::text[])`);
    if (q.createdFrom) where.push(`o.placed_at >= ${p(q.createdFrom)}`);
    if (q.createdTo) where.push(`o.placed_at < ${p(q.createdTo)}`);
    if (q.subOrderStatus?.length || q.sellerId || partner) {
      const sub = [`s.order_id = o.id`];
      if (partner) sub.push(`s.partner_id = ${partner}`);
      if (q.subOrderStatus?.length) sub.push(`s.status = ANY(${p(q.subOrderStatus)}::text[])`);
      if (q.sellerId) sub.push(`s.seller_id = ${p(q.sellerId)}`);
      // A partner's order always holds one of its sub-orders; the check matters only with filters.
      if (q.subOrderStatus?.length || q.sellerId) where.push(`EXISTS (SELECT 1 FROM sub_orders s WHERE ${sub.join(' AND ')})`);
    }
    const dir = q.catchUp ? 'ASC' : 'DESC';
    if (q.after) where.push(`(${pos}, ${id}) ${q.catchUp ? '>' : '<'} (${p(q.after.x)}::bigint, ${p(q.after.id)}::uuid)`);
    else if (q.updatedSince) where.push(`o.updated_at >= ${p(q.updatedSince)}`);
    if (q.catchUp) where.push(`${pos} < hz.h`);
    // One statement, one snapshot: the horizon is that of the rows read (also when there are none).
    const sql = `
      SELECT hz.h::text AS horizon, r.id, r.x
        FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS h) hz
        LEFT JOIN LATERAL (
          SELECT ${id} AS id, ${pos}::text AS x, ${pos} AS pos
            FROM ${from}
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY ${pos} ${dir}, ${id} ${dir}
           LIMIT ${p(q.limit + 1)}) r ON true
       ORDER BY r.pos ${dir}, r.id ${dir}`;
    const rows = await this.dataSource.query<{ id: string | null; x: string | null; horizon: string }[]>(sql, params);
    return { rows: rows.flatMap((r) => (r.id && r.x ? [{ id: r.id, x: r.x }] : [])), horizon: rows[0].horizon };
  }
}
