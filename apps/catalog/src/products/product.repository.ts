import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Category } from '../categories/category.entity';
import type { Seller } from '../sellers/seller.entity';
import { Product } from './product.entity';
import { PRODUCT_COLUMNS, productShape } from './product-row';

/** A product as product by id shows it: with its seller's name and status, and its trace code. */
export interface ProductForView {
  product: Product;
  seller: Pick<Seller, 'name' | 'status'>;
}

const FIND_FOR_VIEW = `
  SELECT ${PRODUCT_COLUMNS}, pr.ocop_valid_until::text AS ocop_until, s.name AS seller_name, s.status AS seller_status,
         coalesce(pr.trace_code, ltc.trace_code) AS lot_trace_code
    FROM products pr JOIN sellers s ON s.id = pr.seller_id
    LEFT JOIN lot_trace_codes ltc ON ltc.lot_id = pr.lot_id
   WHERE pr.id = $1`;

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

  /**
   * The busiest read in one statement: the product, its seller's name and status, and the lot's
   * trace code when the projector has not given it to the product yet.
   */
  async findForView(id: string): Promise<ProductForView | null> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(FIND_FOR_VIEW, [id]);
    const row = rows[0];
    if (!row) return null;
    return {
      product: this.dataSource.getRepository(Product).create(productShape(row)),
      seller: { name: row.seller_name as string, status: row.seller_status as Seller['status'] },
    };
  }

  /** Every product of a seller, in id order. */
  findBySeller(manager: EntityManager, sellerId: string): Promise<Product[]> {
    return manager.getRepository(Product).find({ where: { sellerId }, order: { id: 'ASC' } });
  }

  /** Gives a lot's trace code to the products already linked to the lot; the products it changed. */
  async setLotTraceCode(manager: EntityManager, lotId: string, traceCode: string): Promise<Product[]> {
    const rows = await manager.query<{ id: string }[]>(
      `UPDATE products SET trace_code = $2 WHERE lot_id = $1 AND trace_code IS DISTINCT FROM $2 RETURNING id`,
      [lotId, traceCode],
    );
    if (rows.length === 0) return [];
    return manager.getRepository(Product).find({ where: { id: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } });
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
