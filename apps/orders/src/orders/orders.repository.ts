import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Shipment } from '../shipments/shipment.entity';
import { Order } from './order.entity';
import { SubOrder } from './sub-order.entity';

export interface OrderAggregate {
  order: Order;
  subOrders: SubOrder[];
  shipments: Shipment[];
}

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, order: Order, subOrders: SubOrder[]): Promise<void> {
    await manager.getRepository(Order).insert(order);
    await manager.getRepository(SubOrder).insert(subOrders);
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

  /** Writes what a transition changes (status, reason); one statement, no read-before-write. */
  /** Orders with their parts, keyed by id; `lock` takes the order rows first, in id order. */
  async loadMany(ids: string[], manager: EntityManager, lock = false): Promise<Map<string, OrderAggregate>> {
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

  /** Writes what transitions changed on several orders (status, reason) in one statement. */
  async saveOrders(manager: EntityManager, orders: Order[]): Promise<void> {
    if (orders.length === 0) return;
    const [rows] = await manager.query<[{ id: string; updated_at: Date; version: number }[], number]>(
      `UPDATE orders o SET status = u.status, reason = u.reason, updated_at = now(), version = o.version + 1
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, status, reason)
        WHERE o.id = u.id RETURNING o.id, o.updated_at, o.version`,
      [orders.map((o) => o.id), orders.map((o) => o.status), orders.map((o) => o.reason)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const o of orders) {
      const row = byId.get(o.id);
      if (!row) throw new Error(`order ${o.id} vanished while its row was locked`);
      o.updatedAt = row.updated_at;
      o.version = row.version;
    }
  }

  async saveOrder(manager: EntityManager, order: Order): Promise<void> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [[row]] = await manager.query<[{ updated_at: Date; version: number }[], number]>(
      `UPDATE orders SET status = $2, reason = $3, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING updated_at, version`,
      [order.id, order.status, order.reason],
    );
    if (!row) throw new Error(`order ${order.id} vanished while its row was locked`);
    order.updatedAt = row.updated_at;
    order.version = row.version;
  }

  /** Writes what the saga and fulfilment change on sub-orders (status, rejection, shipment), all in one statement. */
  async saveSubOrders(manager: EntityManager, subOrders: SubOrder[]): Promise<void> {
    if (subOrders.length === 0) return;
    await manager.query(
      `UPDATE sub_orders s SET status = u.status, rejection = u.rejection, shipment_id = u.shipment_id
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::uuid[]) AS u(id, status, rejection, shipment_id)
        WHERE s.id = u.id`,
      [
        subOrders.map((s) => s.id),
        subOrders.map((s) => s.status),
        subOrders.map((s) => (s.rejection === null ? null : JSON.stringify(s.rejection))),
        subOrders.map((s) => s.shipmentId),
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

  subOrdersOf(manager: EntityManager, orderIds: string[]): Promise<SubOrder[]> {
    return manager.getRepository(SubOrder).findBy({ orderId: In(orderIds) });
  }
}
