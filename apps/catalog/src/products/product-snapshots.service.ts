import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductUpdatedV1 } from '@app/contracts';
import { event, Outbox } from '@app/messaging';
import type { Seller } from '../sellers/seller.entity';
import { ProductRepository } from './product.repository';
import { productSnapshot } from './product.view';

/**
 * A product's snapshot carries its seller (visibility, pickup point, how it takes orders): when the
 * seller changes, every one of its products is published again, in the seller's transaction.
 */
@Injectable()
export class ProductSnapshotsService {
  constructor(
    private readonly products: ProductRepository,
    private readonly outbox: Outbox,
  ) {}

  async republishSeller(manager: EntityManager, seller: Seller): Promise<void> {
    const products = await this.products.findBySeller(manager, seller.id);
    for (let i = 0; i < products.length; i += 500) {
      await this.outbox.add(manager, ...products.slice(i, i + 500).map((p) => event(ProductUpdatedV1, p.id, productSnapshot(p, seller))));
    }
  }
}
