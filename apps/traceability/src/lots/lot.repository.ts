import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
