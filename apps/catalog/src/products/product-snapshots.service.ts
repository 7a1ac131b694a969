import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProductUpdatedV1 } from '@app/contracts';
import { event, Outbox } from '@app/messaging';
import type { Seller } from '../sellers/seller.entity';
import { SellerRepository } from '../sellers/seller.repository';
import type { Product } from './product.entity';
import { ProductRepository } from './product.repository';
import { productSnapshot } from './product.view';

/**
 * A product's snapshot carries its seller (visibility, pickup point, how it takes orders): when the
 * seller changes, every one of its products is published again, in the seller's transaction. The
 * gateway's product cache drops what these events name (ADR 0055).
 */
@Injectable()
export class ProductSnapshotsService {
  constructor(
    private readonly products: ProductRepository,
    private readonly sellers: SellerRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Publishes these products again (changed outside a partner's or operator's request: a lot's trace code). */
  async republish(manager: EntityManager, products: readonly Product[]): Promise<void> {
    const sellers = new Map<string, Seller | null>();
    for (const p of products) {
      if (!sellers.has(p.sellerId)) sellers.set(p.sellerId, await this.sellers.findById(p.sellerId, manager));
      const seller = sellers.get(p.sellerId);
      if (seller) await this.outbox.add(manager, event(ProductUpdatedV1, p.id, productSnapshot(p, seller)));
    }
  }

  async republishSeller(manager: EntityManager, seller: Seller): Promise<void> {
    const products = await this.products.findBySeller(manager, seller.id);
    for (let i = 0; i < products.length; i += 500) {
      await this.outbox.add(manager, ...products.slice(i, i + 500).map((p) => event(ProductUpdatedV1, p.id, productSnapshot(p, seller))));
    }
  }
}
