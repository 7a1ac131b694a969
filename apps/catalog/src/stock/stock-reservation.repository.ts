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

  save(manager: EntityManager, r: StockReservation): Promise<StockReservation> {
    return manager.getRepository(StockReservation).save(r);
  }
}
