import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StockReservation } from './stock-reservation.entity';

@Injectable()
export class StockReservationRepository {
  find(manager: EntityManager, subOrderId: string, lock = false): Promise<StockReservation | null> {
    const q = manager.getRepository(StockReservation).createQueryBuilder('r').where('r.sub_order_id = :subOrderId', { subOrderId });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  /** A new reservation (or tombstone): one INSERT, no read-before-write. */
  async insert(manager: EntityManager, r: StockReservation): Promise<void> {
    await manager.query(`INSERT INTO stock_reservations (sub_order_id, order_id, status, lines) VALUES ($1, $2, $3, $4::jsonb)`, [
      r.subOrderId,
      r.orderId,
      r.status,
      JSON.stringify(r.lines),
    ]);
  }

  async setStatus(manager: EntityManager, subOrderId: string, status: StockReservation['status']): Promise<void> {
    await manager.query(`UPDATE stock_reservations SET status = $2, updated_at = now() WHERE sub_order_id = $1`, [subOrderId, status]);
  }
}
