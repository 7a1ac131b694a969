import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import {
  normalizeVietnamesePhone,
  SellerRegisteredV1,
  SellerUpdatedV1,
  validateAddressCodes,
  type CallerIdentity,
  type FieldError,
  type Page,
  type PageRequest,
  type RegisterSellerRequest,
  type RpcOperation,
  type SellerView,
  type UpdateSellerRequest,
} from '@app/contracts';
import { event, Outbox } from '@app/messaging';
import { toPage } from '@app/persistence';
import { assertPartnerOwns, NotFoundError, partnerOf, ValidationFailedError } from '@app/platform';
import { createOnce, creationColumns } from '../creation-key';
import { ProductSnapshotsService } from '../products/product-snapshots.service';
import { Seller } from './seller.entity';
import { SellerRepository } from './seller.repository';
import { sellerView } from './seller.view';

@Injectable()
export class SellersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sellers: SellerRepository,
    private readonly snapshots: ProductSnapshotsService,
    private readonly outbox: Outbox,
  ) {}

  /** Registers a farm household / cooperative for the calling partner, with a 2025 address; the same operation again returns it (ADR 0007). */
  register(caller: CallerIdentity, req: RegisterSellerRequest, operation?: RpcOperation): Promise<SellerView> {
    const partnerId = partnerOf(caller);
    return createOnce(
      operation,
      (key) => this.sellers.findCreated(partnerId, key),
      () => this.registerNew(partnerId, req, operation),
      sellerView,
      'sellers_creation_key_idx',
    );
  }

  private async registerNew(partnerId: string, req: RegisterSellerRequest, operation?: RpcOperation): Promise<SellerView> {
    const errors: FieldError[] = [];
    const phone = normalizeVietnamesePhone(req.phone);
    if (!phone.ok) errors.push({ field: 'phone', message: phone.message, messageVi: phone.messageVi });
    checkAddress(req.address, errors);
    if (errors.length > 0 || !phone.ok) throw new ValidationFailedError(errors);
    const seller = Object.assign(new Seller(), {
      id: uuidv7(),
      partnerId,
      name: req.name.normalize('NFC').trim(),
      kind: req.kind,
      phone: phone.e164,
      provinceCode: req.address.provinceCode,
      wardCode: req.address.wardCode,
      addressLine: req.address.line.normalize('NFC').trim(),
      legacyAddress: req.address.legacy ?? null,
      status: 'active' as const,
      orderAcceptance: req.orderAcceptance ?? 'manual',
      ...creationColumns(operation),
    });
    return this.dataSource.transaction(async (manager) => {
      const saved = await this.sellers.insert(manager, seller);
      const view = sellerView(saved);
      await this.outbox.add(manager, event(SellerRegisteredV1, saved.id, view));
      return view;
    });
  }

  /** The partner's sellers (an operator: everyone's), newest first. */
  async list(caller: CallerIdentity, r: PageRequest): Promise<Page<SellerView>> {
    const partnerId = caller.role === 'admin' ? undefined : partnerOf(caller);
    const rows = await this.sellers.list(partnerId, r.limit, r.cursor);
    return toPage(rows, r.limit, sellerView, (s) => ({ id: s.id }));
  }

  /**
   * A partner changes its seller: how it takes orders, its phone, its pickup address. Other
   * services learn it from `catalog.seller.updated.v1` and from the seller's products' snapshots,
   * which carry the seller's pickup point and acceptance (orders reads them for new orders and parcels).
   */
  async update(caller: CallerIdentity, r: UpdateSellerRequest): Promise<SellerView> {
    const partnerId = partnerOf(caller);
    const errors: FieldError[] = [];
    if (r.orderAcceptance === undefined && r.phone === undefined && r.address === undefined) {
      errors.push({ field: 'orderAcceptance', message: 'give at least one of orderAcceptance, phone, address' });
    }
    const phone = r.phone !== undefined ? normalizeVietnamesePhone(r.phone) : undefined;
    if (phone && !phone.ok) errors.push({ field: 'phone', message: phone.message, messageVi: phone.messageVi });
    if (r.address) checkAddress(r.address, errors);
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return this.dataSource.transaction(async (manager) => {
      const seller = isUuid(r.id) ? await this.sellers.lockOne(manager, r.id) : null;
      if (!seller || seller.partnerId !== partnerId) throw new NotFoundError('Seller', r.id, 'người bán');
      if (r.orderAcceptance) seller.orderAcceptance = r.orderAcceptance;
      if (phone?.ok) seller.phone = phone.e164;
      if (r.address) {
        seller.provinceCode = r.address.provinceCode;
        seller.wardCode = r.address.wardCode;
        seller.addressLine = r.address.line.normalize('NFC').trim();
        seller.legacyAddress = r.address.legacy ?? null;
      }
      const saved = await this.sellers.save(manager, seller);
      const view = sellerView(saved);
      await this.outbox.add(manager, event(SellerUpdatedV1, saved.id, view));
      await this.snapshots.republishSeller(manager, saved);
      return view;
    });
  }

  async get(caller: CallerIdentity, id: string): Promise<SellerView> {
    const seller = isUuid(id) ? await this.sellers.findById(id) : null;
    if (!seller) throw new NotFoundError('Seller', id, 'người bán');
    assertPartnerOwns(caller, seller.partnerId, 'Seller', id, 'người bán');
    return sellerView(seller);
  }
}

function checkAddress(address: { provinceCode: string; wardCode: string }, errors: FieldError[]): void {
  const a = validateAddressCodes(address.provinceCode, address.wardCode);
  if (!a.ok) errors.push({ field: `address.${a.field}`, message: a.message, messageVi: a.messageVi });
}
