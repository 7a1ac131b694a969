import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SellerAccount } from './seller-account.entity';

@Injectable()
export class SellerAccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertRegistered(manager: EntityManager, sellerId: string, partnerId: string, name: string): Promise<void> {
    await manager.query(
      `INSERT INTO seller_accounts (seller_id, partner_id, name) VALUES ($1, $2, $3)
       ON CONFLICT (seller_id) DO UPDATE SET partner_id = EXCLUDED.partner_id, name = EXCLUDED.name`,
      [sellerId, partnerId, name],
    );
  }

  find(sellerId: string, manager: EntityManager = this.dataSource.manager): Promise<SellerAccount | null> {
    return manager.getRepository(SellerAccount).findOneBy({ sellerId });
  }

  save(s: SellerAccount): Promise<SellerAccount> {
    return this.dataSource.getRepository(SellerAccount).save(s);
  }

  /** Sellers by id (payouts need names and bank accounts of many at once). */
  async findMany(manager: EntityManager, ids: string[]): Promise<Map<string, SellerAccount>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.getRepository(SellerAccount).createQueryBuilder('s').where('s.seller_id = ANY(:ids)', { ids }).getMany();
    return new Map(rows.map((r) => [r.sellerId, r]));
  }
}
