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

  /** New reservations (or tombstones): one INSERT for all, no read-before-write. */
  async insert(manager: EntityManager, ...rs: StockReservation[]): Promise<void> {
    if (rs.length === 0) return;
    await manager.query(
      `INSERT INTO stock_reservations (sub_order_id, order_id, status, lines)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [rs.map((r) => r.subOrderId), rs.map((r) => r.orderId), rs.map((r) => r.status), rs.map((r) => JSON.stringify(r.lines))],
    );
  }

  /** Which of these sub-orders already have a reservation (or tombstone). */
  async existing(manager: EntityManager, subOrderIds: string[]): Promise<Set<string>> {
    if (subOrderIds.length === 0) return new Set();
    const rows = await manager.query<{ sub_order_id: string }[]>(
      'SELECT sub_order_id FROM stock_reservations WHERE sub_order_id = ANY($1::text[])',
      [subOrderIds],
    );
    return new Set(rows.map((r) => r.sub_order_id));
  }

  async setStatus(manager: EntityManager, subOrderId: string, status: StockReservation['status']): Promise<void> {
    await manager.query(`UPDATE stock_reservations SET status = $2, updated_at = now() WHERE sub_order_id = $1`, [subOrderId, status]);
  }
}
