import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import {
  findWard,
  LotCreatedV1,
  type CallerIdentity,
  type CreateLotRequest,
  type FieldError,
  type LotView,
  type Page,
  type PageRequest,
} from '@app/contracts';
import { toPage } from '@app/persistence';
import { event, Outbox } from '@app/messaging';
import { assertPartnerOwns, NotFoundError, partnerOf, ValidationFailedError } from '@app/platform';
import { ReplicaRepository } from '../replicas/replica.repository';
import type { SellerReplica } from '../replicas/seller-replica.entity';
import type { TraceabilityEnv } from '../traceability.env';
import { TRACEABILITY_ENV } from '../traceability.tokens';
import { issueGtin, lgtinUri, toGtin14 } from './gtin';
import { Lot } from './lot.entity';
import { LotRepository } from './lot.repository';
import { lotView } from './lot.view';
import { newTraceCode } from './trace-code';

const SELLER_POLL_MS = 100;

@Injectable()
export class LotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lots: LotRepository,
    private readonly replicas: ReplicaRepository,
    private readonly outbox: Outbox,
    @Inject(TRACEABILITY_ENV) private readonly env: TraceabilityEnv,
  ) {}

  /**
   * The seller as replicated from the catalog. A partner usually opens a lot right after
   * registering the seller, before `catalog.seller.registered.v1` got here: wait a little.
   */
  private async ownedSeller(caller: CallerIdentity, sellerId: string): Promise<SellerReplica> {
    let seller = isUuid(sellerId) ? await this.replicas.findSeller(sellerId) : null;
    for (let waited = 0; !seller && isUuid(sellerId) && waited < this.env.SELLER_WAIT_MS; waited += SELLER_POLL_MS) {
      await new Promise((r) => setTimeout(r, SELLER_POLL_MS));
      seller = await this.replicas.findSeller(sellerId);
    }
    if (!seller) throw new NotFoundError('Seller', sellerId, 'người bán');
    assertPartnerOwns(caller, seller.partnerId, 'Seller', sellerId, 'người bán');
    return seller;
  }

  async create(caller: CallerIdentity, req: CreateLotRequest): Promise<LotView> {
    partnerOf(caller);
    const seller = await this.ownedSeller(caller, req.sellerId);
    const errors: FieldError[] = [];
    const ownGtin = req.gtin !== undefined ? toGtin14(req.gtin) : undefined;
    if (ownGtin === null) {
      errors.push({
        field: 'gtin',
        message: 'gtin is not a GTIN-8/12/13/14 with a valid check digit',
        messageVi: 'gtin không phải mã GTIN hợp lệ (sai số kiểm tra)',
      });
    }
    const ward = req.area?.wardCode;
    if (ward !== undefined && !findWard(ward)) {
      errors.push({
        field: 'area.wardCode',
        message: `area.wardCode ${ward} is not a 2025 ward code`,
        messageVi: `area.wardCode ${ward} không phải mã xã/phường 2025`,
      });
    }
    if (req.quantity !== undefined && req.unit === undefined) {
      errors.push({ field: 'unit', message: 'a quantity needs its unit', messageVi: 'số lượng cần có đơn vị' });
    }
    if (errors.length > 0) throw new ValidationFailedError(errors);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.insert(seller, req, ownGtin ?? undefined);
      } catch (e) {
        // A trace-code collision (about one in a million at a million lots): draw another.
        if (!(e instanceof QueryFailedError && String(e.message).includes('lots_trace_code_key')) || attempt >= 5) throw e;
      }
    }
  }

  private insert(seller: SellerReplica, req: CreateLotRequest, ownGtin: string | undefined): Promise<LotView> {
    return this.dataSource.transaction(async (manager) => {
      const gtin = ownGtin ?? issueGtin(this.env.GS1_COMPANY_PREFIX, await this.lots.nextItemReference(manager));
      const traceCode = newTraceCode();
      const lot = Object.assign(new Lot(), {
        id: uuidv7(),
        sellerId: seller.id,
        partnerId: seller.partnerId,
        productName: req.productName.normalize('NFC').trim(),
        traceCode,
        gtin,
        epcClass: lgtinUri(gtin, traceCode),
        harvestDate: req.harvestDate ?? null,
        area: req.area ? { ...req.area, plot: req.area.plot?.normalize('NFC').trim() } : null,
        quantity: req.quantity ?? null,
        unit: req.unit?.normalize('NFC').trim() ?? null,
        certifications: req.certifications ?? [],
        eventCount: 0,
        chainHead: null,
      });
      const saved = await this.lots.insert(manager, lot);
      const view = lotView(saved);
      await this.outbox.add(manager, event(LotCreatedV1, saved.id, view));
      return view;
    });
  }

  /** The lot, if the caller may see it (its partner, or an admin); else 404. */
  async owned(caller: CallerIdentity, id: string): Promise<Lot> {
    const lot = isUuid(id) ? await this.lots.findById(id) : null;
    if (!lot) throw new NotFoundError('Lot', id, 'lô hàng');
    assertPartnerOwns(caller, lot.partnerId, 'Lot', id, 'lô hàng');
    return lot;
  }

  /** The partner's lots (an operator: all), newest first, optionally one seller's. */
  async list(caller: CallerIdentity, r: PageRequest & { sellerId?: string }): Promise<Page<LotView>> {
    const partnerId = caller.role === 'admin' ? undefined : partnerOf(caller);
    return toPage(await this.lots.list(partnerId, r.sellerId, r.limit, r.cursor), r.limit, lotView, (l) => ({ id: l.id }));
  }

  async get(caller: CallerIdentity, id: string): Promise<LotView> {
    return lotView(await this.owned(caller, id));
  }

  /** Any caller: verification is public (the trace page shows it to anyone). */
  async find(id: string): Promise<Lot> {
    const lot = isUuid(id) ? await this.lots.findById(id) : null;
    if (!lot) throw new NotFoundError('Lot', id, 'lô hàng');
    return lot;
  }
}
