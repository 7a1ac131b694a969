import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductUpdatedV1, type EventOf } from '@app/contracts';
import { OnEvent } from '@app/messaging';
import { CatalogProduct } from './catalog-product.entity';
import { CatalogViewRepository } from './catalog-view.repository';

/** Keeps the orders service's copy of catalog products (price, weight, seller's pickup point). */
@Injectable()
export class CatalogViewProjector {
  constructor(private readonly view: CatalogViewRepository) {}

  @OnEvent(ProductUpdatedV1)
  async onProductUpdated(e: EventOf<typeof ProductUpdatedV1>, manager: EntityManager): Promise<void> {
    const p = e.data;
    await this.view.upsert(
      manager,
      Object.assign(new CatalogProduct(), {
        productId: p.id,
        sellerId: p.sellerId,
        name: p.name,
        unit: p.unit,
        categoryId: p.categoryId,
        priceVnd: p.priceVnd,
        weightGrams: p.weightGrams,
        lotId: p.lotId,
        visible: p.visible,
        seller: p.seller,
        snapshotAt: new Date(e.time),
      }),
    );
  }
}
