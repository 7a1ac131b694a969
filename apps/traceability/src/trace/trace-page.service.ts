import { Injectable } from '@nestjs/common';
import {
  findProvince,
  findWard,
  SupplyChainEventKinds,
  type Certification,
  type OcopRating,
  type TracePageView,
  type VerificationView,
} from '@app/contracts';
import { NotFoundError, vietnamDate } from '@app/platform';
import { LotChainService } from '../chain/lot-chain.service';
import { LotEventRepository } from '../chain/lot-event.repository';
import { diaryFacts, flagsOf, lotEntry } from '../diary/lot-event.view';
import type { Lot } from '../lots/lot.entity';
import { LotRepository } from '../lots/lot.repository';
import { normalizeTraceCode } from '../lots/trace-code';
import { ReplicaRepository } from '../replicas/replica.repository';
import { traceEntry } from './trace-entry';

/** A page is reused for this long before the chain is verified again (the verify endpoint always recomputes). */
const VERIFICATION_TTL_MS = 10_000;
const JOURNEY = new Set<string>(SupplyChainEventKinds);

/** What a buyer sees after scanning a lot's QR code: producer, farm, claims, diary, journey, verification. */
@Injectable()
export class TracePageService {
  private readonly verified = new Map<string, { at: number; eventCount: number; view: VerificationView }>();

  constructor(
    private readonly lots: LotRepository,
    private readonly events: LotEventRepository,
    private readonly replicas: ReplicaRepository,
    private readonly chain: LotChainService,
  ) {}

  async page(traceCode: string): Promise<TracePageView> {
    const code = normalizeTraceCode(traceCode);
    const lot = code ? await this.lots.findByTraceCode(code) : null;
    if (!lot) throw new NotFoundError('Trace code', traceCode, 'mã truy xuất');
    const [seller, products, rows, verification] = await Promise.all([
      this.replicas.findSeller(lot.sellerId),
      this.replicas.productsOfLot(lot.id),
      this.events.all(lot.id),
      this.verification(lot),
    ]);
    const history = rows.map(lotEntry);
    const facts = diaryFacts(history);
    const withdrawn = new Set(facts.filter((f) => f.corrected).map((f) => f.eventId));
    const entries = history
      .filter((e) => e.kind !== 'error_declaration')
      .map((e) => traceEntry(e, flagsOf(e, facts), withdrawn.has(e.eventId)));
    const today = vietnamDate();
    const plotWard = findWard(lot.area?.wardCode ?? seller?.wardCode ?? '');
    const ocop = products
      .map((p) => p.ocop)
      .filter((o): o is OcopRating => o !== null && o.validUntil >= today)
      .sort((a, b) => b.stars - a.stars)[0];
    const certifications = new Map<string, Certification>();
    for (const c of [...lot.certifications, ...products.flatMap((p) => p.certifications)])
      certifications.set(`${c.scheme}|${c.certificateNo}`, c);
    return {
      traceCode: lot.traceCode,
      lotId: lot.id,
      productName: products[0]?.name ?? lot.productName,
      epcClass: lot.epcClass,
      harvestDate: lot.harvestDate,
      quantity: lot.quantity,
      unit: lot.unit,
      producer: seller
        ? {
            name: seller.name,
            kind: seller.kind,
            provinceName: findProvince(seller.provinceCode)?.name ?? seller.provinceCode,
            wardName: findWard(seller.wardCode)?.name ?? seller.wardCode,
            line: seller.addressLine,
          }
        : null,
      plot: plotWard
        ? {
            plot: lot.area?.plot ?? null,
            areaM2: lot.area?.areaM2 ?? null,
            provinceName: findProvince(plotWard.provinceCode)?.name ?? plotWard.provinceCode,
            wardName: plotWard.name,
          }
        : null,
      ocop: ocop ?? null,
      certifications: [...certifications.values()].map((c) => ({
        ...c,
        valid: c.validUntil >= today && (c.validFrom === undefined || c.validFrom <= today),
      })),
      diary: entries.filter((e) => !JOURNEY.has(e.kind)),
      journey: entries.filter((e) => JOURNEY.has(e.kind)),
      verification,
    };
  }

  private async verification(lot: Lot): Promise<VerificationView> {
    const cached = this.verified.get(lot.id);
    if (cached && cached.eventCount === lot.eventCount && Date.now() - cached.at < VERIFICATION_TTL_MS) return cached.view;
    const view = await this.chain.verify(lot);
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(lot.id, { at: Date.now(), eventCount: lot.eventCount, view });
    return view;
  }
}
