import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Category } from '../categories/category.entity';
import { Product } from './product.entity';

@Injectable()
export class ProductRepository {
  constructor(private readonly dataSource: DataSource) {}

  save(manager: EntityManager, product: Product): Promise<Product> {
    return manager.getRepository(Product).save(product);
  }

  findCreated(partnerId: string, creationKey: string): Promise<Product | null> {
    return this.dataSource.getRepository(Product).findOneBy({ partnerId, creationKey });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Product | null> {
    return manager.getRepository(Product).findOneBy({ id });
  }

  /** Locks the rows (in id order, so concurrent reservations cannot deadlock). */
  lockMany(manager: EntityManager, ids: string[]): Promise<Product[]> {
    return manager
      .getRepository(Product)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids })
      .orderBy('p.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  lockOne(manager: EntityManager, id: string): Promise<Product | null> {
    return manager.getRepository(Product).createQueryBuilder('p').where('p.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async traceCodeOf(lotId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ trace_code: string }[]>('SELECT trace_code FROM lot_trace_codes WHERE lot_id = $1', [lotId]);
    return rows[0]?.trace_code ?? null;
  }

  async categoryExists(id: string): Promise<boolean> {
    return (await this.dataSource.getRepository(Category).countBy({ id })) > 0;
  }

  /** Sets the stock of rows the caller holds locked, in one statement. */
  async setStock(manager: EntityManager, rows: { id: string; stock: number }[]): Promise<void> {
    await manager.query(
      `UPDATE products p SET stock = u.stock, updated_at = now() FROM unnest($1::uuid[], $2::int[]) AS u(id, stock) WHERE p.id = u.id`,
      [rows.map((r) => r.id), rows.map((r) => r.stock)],
    );
  }

  async addStock(manager: EntityManager, productId: string, quantity: number): Promise<void> {
    await manager.query('UPDATE products SET stock = stock + $2, updated_at = now() WHERE id = $1', [productId, quantity]);
  }
}
