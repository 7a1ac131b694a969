import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Shipment } from '../shipments/shipment.entity';
import { OrderPartner } from './order-partner.entity';
import { Order } from './order.entity';
import { SubOrder } from './sub-order.entity';

/** The id of the writing transaction, as the change position of what it writes (ADR 0051). */
export const CURRENT_XID = 'pg_current_xact_id()::text::bigint';

export interface OrderAggregate {
  order: Order;
  subOrders: SubOrder[];
  shipments: Shipment[];
}

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, order: Order, subOrders: SubOrder[]): Promise<void> {
    const inserted = await manager.getRepository(Order).insert({ ...order, changeXid: () => CURRENT_XID });
    // What the database filled in (placed and updated times, version) goes back on the order.
    Object.assign(order, inserted.generatedMaps[0]);
    await manager.getRepository(SubOrder).insert(subOrders);
    await manager.getRepository(OrderPartner).insert(
      [...new Set(subOrders.map((s) => s.partnerId))].map((partnerId) => ({
        partnerId,
        orderId: order.id,
        changeXid: () => CURRENT_XID,
      })),
    );
  }

  /** The order a storefront placed with this operation key, if any. */
  async findPlaced(storefrontKeyId: string, placementKey: string): Promise<OrderAggregate | null> {
    const found = await this.dataSource.getRepository(Order).findOne({ where: { storefrontKeyId, placementKey }, select: { id: true } });
    return found ? this.load(found.id) : null;
  }

  /** The order with its parts; `lock` takes the order row first (writers serialise on it). */
  async load(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<OrderAggregate | null> {
    const q = manager.getRepository(Order).createQueryBuilder('o').where('o.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    const order = await q.getOne();
    if (!order) return null;
    const subOrders = await manager.getRepository(SubOrder).find({ where: { orderId: id }, order: { id: 'ASC' } });
    // Shipments are requested when an order is confirmed: a pending or rejected one has none.
    const shipments =
      order.status === 'pending' || order.status === 'rejected'
        ? []
        : await manager.getRepository(Shipment).find({ where: { orderId: id }, order: { id: 'ASC' } });
    return { order, subOrders, shipments };
  }

  /** Orders with their parts, keyed by id; `lock` takes the order rows first, in id order. */
  async loadMany(ids: string[], manager: EntityManager = this.dataSource.manager, lock = false): Promise<Map<string, OrderAggregate>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const q = manager.getRepository(Order).createQueryBuilder('o').where('o.id IN (:...ids)', { ids: unique }).orderBy('o.id');
    if (lock) q.setLock('pessimistic_write');
    const orders = await q.getMany();
    const found = orders.map((o) => o.id);
    const subOrders =
      found.length > 0 ? await manager.getRepository(SubOrder).find({ where: { orderId: In(found) }, order: { id: 'ASC' } }) : [];
    const shipped = orders.filter((o) => o.status !== 'pending' && o.status !== 'rejected').map((o) => o.id);
    const shipments =
      shipped.length > 0 ? await manager.getRepository(Shipment).find({ where: { orderId: In(shipped) }, order: { id: 'ASC' } }) : [];
    const out = new Map<string, OrderAggregate>(orders.map((order) => [order.id, { order, subOrders: [], shipments: [] }]));
    for (const s of subOrders) out.get(s.orderId)?.subOrders.push(s);
    for (const s of shipments) out.get(s.orderId)?.shipments.push(s);
    return out;
  }

  /**
   * Writes what changed on several orders (status, reason, totals) in one statement, and moves
   * each order — for itself and for its partners' lists — to this transaction's change position.
   * Every change of an order's parts ends here, so that order lists see it.
   */
  async saveOrders(manager: EntityManager, orders: Order[]): Promise<void> {
    if (orders.length === 0) return;
    // The statement ends in a SELECT: TypeORM answers with its rows.
    const rows = await manager.query<{ id: string; updated_at: Date; version: number; change_xid: string }[]>(
      `WITH changed AS (
         UPDATE orders o SET status = u.status, reason = u.reason, items_vnd = u.items_vnd, shipping_vnd = u.shipping_vnd,
                cod_vnd = u.cod_vnd, updated_at = now(), version = o.version + 1, change_xid = ${CURRENT_XID}
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[])
                AS u(id, status, reason, items_vnd, shipping_vnd, cod_vnd)
          WHERE o.id = u.id RETURNING o.id, o.updated_at, o.version, o.change_xid),
       partners AS (
         UPDATE order_partners p SET change_xid = c.change_xid FROM changed c WHERE p.order_id = c.id)
       SELECT id, updated_at, version, change_xid FROM changed`,
      [
        orders.map((o) => o.id),
        orders.map((o) => o.status),
        orders.map((o) => o.reason),
        orders.map((o) => o.itemsVnd),
        orders.map((o) => o.shippingVnd),
        orders.map((o) => o.codVnd),
      ],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const o of orders) {
      const row = byId.get(o.id);
      if (!row) throw new Error(`order ${o.id} vanished while its row was locked`);
      o.updatedAt = row.updated_at;
      o.version = row.version;
      o.changeXid = row.change_xid;
    }
  }

  /** Writes what the saga, the sellers' answers and fulfilment change on sub-orders, all in one statement. */
  async saveSubOrders(manager: EntityManager, subOrders: SubOrder[]): Promise<void> {
    if (subOrders.length === 0) return;
    await manager.query(
      `UPDATE sub_orders s SET status = u.status, rejection = u.rejection, shipment_id = u.shipment_id, accept_by = u.accept_by,
              answered_at = u.answered_at, pickup_from = u.pickup_from, pickup_to = u.pickup_to,
              decline_reason = u.decline_reason, seller_note = u.seller_note
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::uuid[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[],
                     $8::timestamptz[], $9::text[], $10::text[])
              AS u(id, status, rejection, shipment_id, accept_by, answered_at, pickup_from, pickup_to, decline_reason, seller_note)
        WHERE s.id = u.id`,
      [
        subOrders.map((s) => s.id),
        subOrders.map((s) => s.status),
        subOrders.map((s) => (s.rejection === null ? null : JSON.stringify(s.rejection))),
        subOrders.map((s) => s.shipmentId),
        subOrders.map((s) => s.acceptBy),
        subOrders.map((s) => s.answeredAt),
        subOrders.map((s) => s.pickupFrom),
        subOrders.map((s) => s.pickupTo),
        subOrders.map((s) => s.declineReason),
        subOrders.map((s) => s.sellerNote),
      ],
    );
  }

  /** Locks up to `limit` orders in `status` older than `before`, skipping ones others hold. */
  async lockStale(manager: EntityManager, status: 'pending' | 'delivered', before: Date, limit: number): Promise<string[]> {
    const column = status === 'pending' ? 'placed_at' : 'updated_at';
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM orders WHERE status = $1 AND ${column} < $2 ORDER BY ${column} LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [status, before, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Locks up to `limit` orders holding a sub-order whose seller's deadline passed, skipping ones others hold. */
  async lockUnanswered(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT o.id FROM orders o
        WHERE o.id IN (SELECT order_id FROM sub_orders WHERE status = 'awaiting_seller' AND accept_by < $1 ORDER BY accept_by LIMIT $2)
        ORDER BY o.id FOR UPDATE OF o SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }
}
