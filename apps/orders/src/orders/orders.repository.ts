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
    const shipments = await manager.getRepository(Shipment).find({ where: { orderId: id }, order: { id: 'ASC' } });
    return { order, subOrders, shipments };
  }

  async saveOrder(manager: EntityManager, order: Order): Promise<void> {
    await manager.getRepository(Order).save(order);
  }

  async saveSubOrders(manager: EntityManager, subOrders: SubOrder[]): Promise<void> {
    if (subOrders.length > 0) await manager.getRepository(SubOrder).save(subOrders);
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
