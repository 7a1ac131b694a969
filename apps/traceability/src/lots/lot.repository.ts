import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { decodeCursor } from '@app/persistence';
import { Lot } from './lot.entity';

@Injectable()
export class LotRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, lot: Lot): Promise<Lot> {
    return manager.getRepository(Lot).save(lot);
  }

  async save(manager: EntityManager, lot: Lot): Promise<void> {
    await manager.getRepository(Lot).update({ id: lot.id }, { eventCount: lot.eventCount, chainHead: lot.chainHead });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Lot | null> {
    return manager.getRepository(Lot).findOneBy({ id });
  }

  /** A partner's lots (undefined: everyone's), optionally one seller's, newest first: `limit + 1` rows. */
  list(partnerId: string | undefined, sellerId: string | undefined, limit: number, cursor?: string): Promise<Lot[]> {
    const after = decodeCursor<{ id: string }>(cursor, ['id'], (k) => isUuid(k.id));
    const q = this.dataSource
      .getRepository(Lot)
      .createQueryBuilder('l')
      .orderBy('l.id', 'DESC')
      .limit(limit + 1);
    if (partnerId !== undefined) q.andWhere('l.partner_id = :partnerId', { partnerId });
    if (sellerId !== undefined) q.andWhere('l.seller_id = :sellerId', { sellerId: isUuid(sellerId) ? sellerId : null });
    if (after) q.andWhere('l.id < :id', { id: after.id });
    return q.getMany();
  }

  findByTraceCode(traceCode: string): Promise<Lot | null> {
    return this.dataSource.getRepository(Lot).findOneBy({ traceCode });
  }

  findByEpcClasses(manager: EntityManager, epcClasses: string[]): Promise<Lot[]> {
    if (epcClasses.length === 0) return Promise.resolve([]);
    return manager.getRepository(Lot).createQueryBuilder('l').where('l.epcClass IN (:...epcClasses)', { epcClasses }).getMany();
  }

  /** Locks the lot row: appends to one chain are serialised, so seq and links never fork. */
  lock(manager: EntityManager, id: string): Promise<Lot | null> {
    return manager.getRepository(Lot).createQueryBuilder('l').where('l.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async nextItemReference(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ n: string }[]>(`SELECT nextval('lot_item_ref_seq') AS n`);
    return Number(row.n);
  }
}
