import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProductReplica } from './product-replica.entity';
import { SellerReplica } from './seller-replica.entity';

/** The catalog read models: sellers (ownership, producer's address) and products linked to lots. */
@Injectable()
export class ReplicaRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertSeller(manager: EntityManager, seller: SellerReplica): Promise<void> {
    await manager.getRepository(SellerReplica).upsert(seller, ['id']);
  }

  findSeller(id: string, manager: EntityManager = this.dataSource.manager): Promise<SellerReplica | null> {
    return manager.getRepository(SellerReplica).findOneBy({ id });
  }

  async upsertProduct(manager: EntityManager, product: ProductReplica): Promise<void> {
    await manager.getRepository(ProductReplica).upsert(product, ['id']);
  }

  findProduct(id: string, manager: EntityManager = this.dataSource.manager): Promise<ProductReplica | null> {
    return manager.getRepository(ProductReplica).findOneBy({ id });
  }

  productsOfLot(lotId: string): Promise<ProductReplica[]> {
    return this.dataSource.getRepository(ProductReplica).find({ where: { lotId }, order: { updatedAt: 'DESC' } });
  }
}
