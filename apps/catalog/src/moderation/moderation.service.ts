import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validate as isUuid } from 'uuid';
import { ProductUpdatedV1, type CallerIdentity, type ModerationRequest, type ProductView, type SellerView } from '@app/contracts';
import { event, Outbox } from '@app/messaging';
import { ForbiddenError, NotFoundError } from '@app/platform';
import { ProductSearchService } from '../products/product-search.service';
import { ProductSnapshotsService } from '../products/product-snapshots.service';
import { ProductRepository } from '../products/product.repository';
import { productSnapshot, productView } from '../products/product.view';
import { SellerRepository } from '../sellers/seller.repository';
import { sellerView } from '../sellers/seller.view';
import { reinstate, suspend } from './seller-state';

function adminOnly(caller: CallerIdentity): void {
  if (caller.role !== 'admin') throw new ForbiddenError('Only operators may moderate listings.').vi('Chỉ người vận hành được kiểm duyệt.');
}

/**
 * Operator moderation: a suspended product, or every product of a suspended seller, disappears
 * from storefronts (and cannot be ordered: the snapshot other services keep says not visible),
 * whatever status its owner sets; lifting the suspension brings them back.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductRepository,
    private readonly sellers: SellerRepository,
    private readonly outbox: Outbox,
    private readonly search: ProductSearchService,
    private readonly snapshots: ProductSnapshotsService,
  ) {}

  async moderateProduct(caller: CallerIdentity, r: ModerationRequest): Promise<ProductView> {
    adminOnly(caller);
    const view = await this.dataSource.transaction(async (manager) => {
      const product = isUuid(r.id) ? await this.products.lockOne(manager, r.id) : null;
      if (!product) throw new NotFoundError('Product', r.id, 'sản phẩm');
      const seller = (await this.sellers.findById(product.sellerId, manager))!;
      product.suspended = r.suspended;
      const saved = await this.products.save(manager, product);
      await this.outbox.add(manager, event(ProductUpdatedV1, saved.id, productSnapshot(saved, seller)));
      return productView(saved, seller);
    });
    this.search.invalidate();
    return view;
  }

  async moderateSeller(caller: CallerIdentity, r: ModerationRequest): Promise<SellerView> {
    adminOnly(caller);
    const view = await this.dataSource.transaction(async (manager) => {
      const seller = isUuid(r.id) ? await this.sellers.lockOne(manager, r.id) : null;
      if (!seller) throw new NotFoundError('Seller', r.id, 'người bán');
      if (r.suspended) suspend(seller);
      else reinstate(seller);
      await this.sellers.save(manager, seller);
      await this.snapshots.republishSeller(manager, seller);
      return sellerView(seller);
    });
    this.search.invalidate();
    return view;
  }
}
