import type { DataSource } from 'typeorm';
import { ProductPublishedV1, ProductUpdatedV1, SellerRegisteredV1 } from '@app/contracts';
import { event, type Outbox, type PendingEvent } from '@app/messaging';
import { productSnapshot } from '../products/product.view';
import type { Product } from '../products/product.entity';
import type { Seller } from '../sellers/seller.entity';
import { sellerView } from '../sellers/seller.view';
import type { CatalogGenerator } from './catalog-generator';
import { SPECIALTIES, STAPLES } from './vietnam-produce';
import type { SeedRepository } from './seed.repository';

export interface SeedPlan {
  products: number;
  batchSize: number;
  /** Batches written at once, each in its own transaction and connection. */
  writers: number;
}

export type SeedPhase = 'sellers' | 'products' | 'vacuum';

export interface SeedResult {
  sellersInserted: number;
  sellersSkipped: number;
  productsInserted: number;
  productsSkipped: number;
  events: number;
  ms: number;
}

/**
 * Writes a generated catalog the way the services write one row: the row and its events in one
 * transaction (SellerRegisteredV1; ProductUpdatedV1, plus ProductPublishedV1 when it is created
 * visible), with the same view builders, so read models elsewhere learn about every seeded row.
 * Batches of rows share a transaction. Rows already present (same seed) are skipped with their
 * events, which makes a second run a no-op and an interrupted run resumable.
 */
/** Attempts at a products batch that PostgreSQL rolled back as a deadlock. */
const DEADLOCK_RETRIES = 5;

export class CatalogSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: SeedRepository,
    private readonly outbox: Outbox,
    private readonly generator: CatalogGenerator,
  ) {}

  async run(plan: SeedPlan, progress: (phase: SeedPhase, done: number, total: number) => void): Promise<SeedResult> {
    const started = Date.now();
    await this.checkCategories();
    const result: SeedResult = { sellersInserted: 0, sellersSkipped: 0, productsInserted: 0, productsSkipped: 0, events: 0, ms: 0 };

    const sellers = this.generator.sellers;
    progress('sellers', 0, sellers.length);
    for (let from = 0; from < sellers.length; from += plan.batchSize) {
      const batch = sellers.slice(from, from + plan.batchSize);
      const inserted = await this.writeSellers(batch);
      result.sellersInserted += inserted.sellers;
      result.sellersSkipped += batch.length - inserted.sellers;
      result.events += inserted.events;
      progress('sellers', from + batch.length, sellers.length);
    }

    // Generating batch k+1 (CPU in this process) overlaps writing batch k (CPU in PostgreSQL).
    progress('products', 0, plan.products);
    const inFlight = new Set<Promise<void>>();
    let done = 0;
    try {
      for (let from = 0; from < plan.products; from += plan.batchSize) {
        const batch: { product: Product; seller: Seller }[] = [];
        for (let i = from; i < Math.min(plan.products, from + plan.batchSize); i++) batch.push(this.generator.product(i));
        const write = this.writeProducts(batch).then((inserted) => {
          result.productsInserted += inserted.products;
          result.productsSkipped += batch.length - inserted.products;
          result.events += inserted.events;
          done += batch.length;
          progress('products', done, plan.products);
        });
        const tracked = write.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        if (inFlight.size >= plan.writers) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } catch (e) {
      // Let the other open transactions finish (commit or roll back) before reporting.
      await Promise.allSettled(inFlight);
      throw e;
    }

    progress('vacuum', 0, 1);
    await this.repo.vacuumAnalyze();
    progress('vacuum', 1, 1);
    result.ms = Date.now() - started;
    return result;
  }

  /** Refuses to write products into categories the database does not have. */
  private async checkCategories(): Promise<void> {
    const known = await this.repo.categoryIds();
    const missing = [...new Set([...SPECIALTIES, ...STAPLES].map((p) => p.categoryId))].filter((id) => !known.has(id));
    if (missing.length > 0) throw new Error(`the catalog database has no categories ${missing.join(', ')}: is it migrated?`);
  }

  private writeSellers(batch: readonly Seller[]): Promise<{ sellers: number; events: number }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.repo.insertSellers(manager, batch);
      const events = batch.filter((s) => inserted.has(s.id)).map((s) => event(SellerRegisteredV1, s.id, sellerView(s)));
      await this.outbox.add(manager, ...events);
      return { sellers: inserted.size, events: events.length };
    });
  }

  /**
   * Two batches in flight can add the same new words to the search vocabulary in opposite orders
   * (the products trigger): PostgreSQL then rolls one back as a deadlock, and it is written again.
   */
  private async writeProducts(batch: readonly { product: Product; seller: Seller }[]): Promise<{ products: number; events: number }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeProductsOnce(batch);
      } catch (e) {
        const failed = e as { code?: string; driverError?: { code?: string } };
        if (attempt >= DEADLOCK_RETRIES || (failed.driverError?.code ?? failed.code) !== '40P01') throw e;
      }
    }
  }

  private writeProductsOnce(batch: readonly { product: Product; seller: Seller }[]): Promise<{ products: number; events: number }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.repo.insertProducts(
        manager,
        batch.map((b) => b.product),
      );
      const events: PendingEvent<unknown>[] = [];
      for (const { product, seller } of batch) {
        if (!inserted.has(product.id)) continue;
        const snapshot = productSnapshot(product, seller);
        events.push(event(ProductUpdatedV1, product.id, snapshot));
        if (product.publishedAt) events.push(event(ProductPublishedV1, product.id, snapshot));
      }
      await this.outbox.add(manager, ...events);
      return { products: inserted.size, events: events.length };
    });
  }
}
