import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CatalogProduct } from './catalog-product.entity';

@Injectable()
export class CatalogViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies a snapshot unless a newer one is already there (events may be redelivered late). */
  async upsert(manager: EntityManager, p: CatalogProduct): Promise<void> {
    await manager.query(
      `INSERT INTO catalog_products (product_id, seller_id, name, unit, category_id, price_vnd, weight_grams, lot_id, visible, seller, snapshot_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
       ON CONFLICT (product_id) DO UPDATE SET seller_id = EXCLUDED.seller_id, name = EXCLUDED.name, unit = EXCLUDED.unit,
         category_id = EXCLUDED.category_id, price_vnd = EXCLUDED.price_vnd, weight_grams = EXCLUDED.weight_grams,
         lot_id = EXCLUDED.lot_id, visible = EXCLUDED.visible, seller = EXCLUDED.seller, snapshot_at = EXCLUDED.snapshot_at
       WHERE catalog_products.snapshot_at <= EXCLUDED.snapshot_at`,
      [
        p.productId,
        p.sellerId,
        p.name,
        p.unit,
        p.categoryId,
        p.priceVnd,
        p.weightGrams,
        p.lotId,
        p.visible,
        JSON.stringify(p.seller),
        p.snapshotAt,
      ],
    );
  }

  findMany(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<CatalogProduct[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.getRepository(CatalogProduct).findBy({ productId: In(ids) });
  }
}
