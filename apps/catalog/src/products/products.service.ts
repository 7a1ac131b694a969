import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import {
  findProvince,
  ProductPriceChangedV1,
  ProductPublishedV1,
  ProductStockChangedV1,
  ProductUpdatedV1,
  type CallerIdentity,
  type CreateProductRequest,
  type FieldError,
  type ProductView,
  type RpcOperation,
  type UpdateProductRequest,
} from '@app/contracts';
import { event, Outbox, type PendingEvent } from '@app/messaging';
import { assertPartnerOwns, NotFoundError, partnerOf, ValidationFailedError } from '@app/platform';
import { createOnce, creationColumns } from '../creation-key';
import type { Seller } from '../sellers/seller.entity';
import { SellerRepository } from '../sellers/seller.repository';
import { Product } from './product.entity';
import { ProductSearchService } from './product-search.service';
import { setListingStatus } from './product-state';
import { ProductRepository } from './product.repository';
import { isVisible, productSnapshot, productView } from './product.view';

@Injectable()
export class ProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductRepository,
    private readonly sellers: SellerRepository,
    private readonly outbox: Outbox,
    private readonly search: ProductSearchService,
  ) {}

  private async ownedSeller(caller: CallerIdentity, sellerId: string, manager?: EntityManager): Promise<Seller> {
    const seller = isUuid(sellerId) ? await this.sellers.findById(sellerId, manager) : null;
    if (!seller) throw new NotFoundError('Seller', sellerId, 'người bán');
    assertPartnerOwns(caller, seller.partnerId, 'Seller', sellerId, 'người bán');
    return seller;
  }

  /** Creates a product; the same operation again returns it (ADR 0007). */
  async create(caller: CallerIdentity, req: CreateProductRequest, operation?: RpcOperation): Promise<ProductView> {
    const partnerId = partnerOf(caller);
    const view = await createOnce(
      operation,
      (key) => this.products.findCreated(partnerId, key),
      () => this.createNew(caller, req, operation),
      (p) => this.viewOf(p),
      'products_creation_key_idx',
    );
    this.search.invalidate();
    return view;
  }

  private async createNew(caller: CallerIdentity, req: CreateProductRequest, operation?: RpcOperation): Promise<ProductView> {
    const seller = await this.ownedSeller(caller, req.sellerId);
    const errors: FieldError[] = [];
    if (!(await this.products.categoryExists(req.categoryId))) {
      errors.push({
        field: 'categoryId',
        message: `categoryId ${req.categoryId} is not a category (see GET /v1/categories)`,
        messageVi: `categoryId ${req.categoryId} không phải danh mục (xem GET /v1/categories)`,
      });
    }
    if (req.originProvinceCode !== undefined && !findProvince(req.originProvinceCode)) {
      errors.push({
        field: 'originProvinceCode',
        message: `originProvinceCode ${req.originProvinceCode} is not one of the 34 provinces`,
        messageVi: `originProvinceCode ${req.originProvinceCode} không phải mã tỉnh/thành hợp lệ`,
      });
    }
    if (req.ocopStars !== undefined && (!req.ocopCertificateNo || !req.ocopValidUntil)) {
      errors.push({
        field: 'ocopCertificateNo',
        message: 'an OCOP rating needs ocopCertificateNo and ocopValidUntil',
        messageVi: 'xếp hạng OCOP cần ocopCertificateNo và ocopValidUntil',
      });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    const product = Object.assign(new Product(), {
      id: uuidv7(),
      sellerId: seller.id,
      partnerId: seller.partnerId,
      name: req.name.normalize('NFC').trim(),
      description: (req.description ?? '').normalize('NFC').trim(),
      categoryId: req.categoryId,
      unit: req.unit.normalize('NFC').trim(),
      priceVnd: req.priceVnd,
      stock: req.stock,
      weightGrams: req.weightGrams,
      ocopStars: req.ocopStars ?? null,
      ocopCertificateNo: req.ocopCertificateNo ?? null,
      ocopValidUntil: req.ocopValidUntil ?? null,
      certifications: req.certifications ?? [],
      originProvinceCode: req.originProvinceCode ?? seller.provinceCode,
      images: req.images ?? [],
      lotId: req.lotId ?? null,
      traceCode: req.lotId ? await this.products.traceCodeOf(req.lotId) : null,
      status: req.status ?? 'active',
      suspended: false,
      publishedAt: null as Date | null,
      ...creationColumns(operation),
    });
    return this.dataSource.transaction(async (manager) => {
      const events: PendingEvent<unknown>[] = [];
      if (isVisible(product, seller)) product.publishedAt = new Date();
      const saved = await this.products.save(manager, product);
      const snapshot = productSnapshot(saved, seller);
      events.push(event(ProductUpdatedV1, saved.id, snapshot));
      if (saved.publishedAt) events.push(event(ProductPublishedV1, saved.id, snapshot));
      await this.outbox.add(manager, ...events);
      return productView(saved, seller);
    });
  }

  private async viewOf(p: Product): Promise<ProductView> {
    const seller = await this.sellers.findById(p.sellerId);
    if (!seller) throw new NotFoundError('Seller', p.sellerId, 'người bán');
    return productView(p, seller);
  }

  async update(caller: CallerIdentity, req: UpdateProductRequest): Promise<ProductView> {
    partnerOf(caller);
    const view = await this.dataSource.transaction(async (manager) => {
      const product = isUuid(req.id) ? await this.products.lockOne(manager, req.id) : null;
      if (!product) throw new NotFoundError('Product', req.id, 'sản phẩm');
      assertPartnerOwns(caller, product.partnerId, 'Product', req.id, 'sản phẩm');
      const seller = (await this.sellers.findById(product.sellerId, manager))!;
      const before = { priceVnd: product.priceVnd, stock: product.stock };
      if (req.priceVnd !== undefined) product.priceVnd = req.priceVnd;
      if (req.stock !== undefined) product.stock = req.stock;
      if (req.description !== undefined) product.description = req.description.normalize('NFC').trim();
      if (req.status !== undefined) setListingStatus(product, req.status);
      const firstPublished = !product.publishedAt && isVisible(product, seller);
      if (firstPublished) product.publishedAt = new Date();
      const saved = await this.products.save(manager, product);
      const snapshot = productSnapshot(saved, seller);
      const events: PendingEvent<unknown>[] = [event(ProductUpdatedV1, saved.id, snapshot)];
      if (firstPublished) events.push(event(ProductPublishedV1, saved.id, snapshot));
      if (before.priceVnd !== saved.priceVnd) {
        events.push(
          event(ProductPriceChangedV1, saved.id, {
            productId: saved.id,
            sellerId: saved.sellerId,
            oldPriceVnd: before.priceVnd,
            newPriceVnd: saved.priceVnd,
          }),
        );
      }
      if (before.stock !== saved.stock) {
        events.push(
          event(ProductStockChangedV1, saved.id, {
            productId: saved.id,
            sellerId: saved.sellerId,
            stock: saved.stock,
            reason: 'adjusted' as const,
          }),
        );
      }
      await this.outbox.add(manager, ...events);
      return productView(saved, seller);
    });
    // Storefront search pages are cached for seconds; a partner's own change shows at once here.
    this.search.invalidate();
    return view;
  }

  /** Storefronts and carriers see only visible products; partners their own; admins all. */
  async get(caller: CallerIdentity, id: string): Promise<ProductView> {
    const found = isUuid(id) ? await this.products.findForView(id) : null;
    if (!found) throw new NotFoundError('Product', id, 'sản phẩm');
    const { product, seller } = found;
    if (caller.role === 'partner' || (caller.role !== 'admin' && !isVisible(product, seller))) {
      if (caller.role !== 'partner') throw new NotFoundError('Product', id, 'sản phẩm');
      assertPartnerOwns(caller, product.partnerId, 'Product', id, 'sản phẩm');
    }
    // The lot's code may have arrived after the product was written (the projector and a new
    // product can pass each other): findForView falls back to the lot's code.
    return productView(product, seller);
  }
}
