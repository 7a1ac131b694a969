import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { decodeCursor } from '@app/persistence';
import { Seller } from './seller.entity';

@Injectable()
export class SellerRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, seller: Seller): Promise<Seller> {
    return manager.getRepository(Seller).save(seller);
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Seller | null> {
    return manager.getRepository(Seller).findOneBy({ id });
  }

  /** The seller with its row locked, for a change (its partner's, or an operator's moderation); null for an unknown id. */
  lockOne(manager: EntityManager, id: string): Promise<Seller | null> {
    return manager.getRepository(Seller).createQueryBuilder('s').where('s.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  save(manager: EntityManager, seller: Seller): Promise<Seller> {
    return manager.getRepository(Seller).save(seller);
  }

  /** A partner's sellers (or, for `partnerId` undefined, everyone's), newest first: `limit + 1` rows. */
  list(partnerId: string | undefined, limit: number, cursor?: string): Promise<Seller[]> {
    const after = decodeCursor<{ id: string }>(cursor, ['id'], (k) => isUuid(k.id));
    const q = this.dataSource
      .getRepository(Seller)
      .createQueryBuilder('s')
      .orderBy('s.id', 'DESC')
      .limit(limit + 1);
    if (partnerId !== undefined) q.andWhere('s.partner_id = :partnerId', { partnerId });
    if (after) q.andWhere('s.id < :id', { id: after.id });
    return q.getMany();
  }

  findCreated(partnerId: string, creationKey: string): Promise<Seller | null> {
    return this.dataSource.getRepository(Seller).findOneBy({ partnerId, creationKey });
  }

  async findMany(manager: EntityManager, ids: string[]): Promise<Map<string, Seller>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.getRepository(Seller).findBy({ id: In(ids) });
    return new Map(rows.map((s) => [s.id, s]));
  }
}
