import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { decodeCursor } from '@app/persistence';
import { Payout } from './payout.entity';
import { PayoutItemRecord } from './payout-item.entity';

@Injectable()
export class PayoutRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Payout | null> {
    const q = manager.getRepository(Payout).createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  /** Payouts, newest first: `limit + 1` rows. */
  list(limit: number, cursor?: string): Promise<Payout[]> {
    const after = decodeCursor<{ id: string }>(cursor, ['id'], (k) => isUuid(k.id));
    const q = this.dataSource
      .getRepository(Payout)
      .createQueryBuilder('p')
      .orderBy('p.id', 'DESC')
      .limit(limit + 1);
    if (after) q.andWhere('p.id < :id', { id: after.id });
    return q.getMany();
  }

  findByReference(manager: EntityManager, reference: string): Promise<Payout | null> {
    return manager.getRepository(Payout).findOneBy({ reference });
  }

  items(id: string, manager: EntityManager = this.dataSource.manager): Promise<PayoutItemRecord[]> {
    return manager.getRepository(PayoutItemRecord).find({ where: { payoutId: id }, order: { sellerId: 'ASC' } });
  }

  /** Available seller balances of at least `minimum`, locked so two payouts cannot pay one balance twice. */
  async lockAvailable(manager: EntityManager, minimum: number, sellerIds?: string[]): Promise<{ sellerId: string; amountVnd: number }[]> {
    const rows = await manager.query<{ owner_id: string; bal: string }[]>(
      `SELECT owner_id, credits_vnd - debits_vnd AS bal FROM ledger_accounts
        WHERE kind = 'seller_available' AND credits_vnd - debits_vnd >= GREATEST($1::bigint, 1)
          AND ($2::text[] IS NULL OR owner_id = ANY($2::text[]))
        ORDER BY code FOR UPDATE`,
      [minimum, sellerIds ?? null],
    );
    return rows.map((r) => ({ sellerId: r.owner_id, amountVnd: Number(r.bal) }));
  }

  async save(manager: EntityManager, payout: Payout, items: PayoutItemRecord[]): Promise<void> {
    await manager.getRepository(Payout).save(payout);
    if (items.length > 0) await manager.getRepository(PayoutItemRecord).insert(items);
  }

  async update(manager: EntityManager, payout: Payout): Promise<void> {
    await manager.getRepository(Payout).save(payout);
  }
}
