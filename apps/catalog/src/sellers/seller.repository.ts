import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
}
