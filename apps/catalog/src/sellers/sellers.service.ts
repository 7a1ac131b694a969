import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import {
  normalizeVietnamesePhone,
  SellerRegisteredV1,
  validateAddressCodes,
  type CallerIdentity,
  type FieldError,
  type RegisterSellerRequest,
  type RpcOperation,
  type SellerView,
} from '@app/contracts';
import { event, Outbox } from '@app/messaging';
import { assertPartnerOwns, NotFoundError, partnerOf, ValidationFailedError } from '@app/platform';
import { createOnce, creationColumns } from '../creation-key';
import { Seller } from './seller.entity';
import { SellerRepository } from './seller.repository';
import { sellerView } from './seller.view';

@Injectable()
export class SellersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sellers: SellerRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Registers a farm household / cooperative for the calling partner, with a 2025 address. */
  /** Registers a seller; the same operation again returns it (ADR 0007). */
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
    const address = validateAddressCodes(req.address.provinceCode, req.address.wardCode);
    if (!address.ok) errors.push({ field: `address.${address.field}`, message: address.message, messageVi: address.messageVi });
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
      ...creationColumns(operation),
    });
    return this.dataSource.transaction(async (manager) => {
      const saved = await this.sellers.insert(manager, seller);
      const view = sellerView(saved);
      await this.outbox.add(manager, event(SellerRegisteredV1, saved.id, view));
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
