import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import type { CallerIdentity, CaptureView, FieldError } from '@app/contracts';
import { assertPartnerOwns, NotFoundError, partnerOf, toVietnamIso, ValidationFailedError } from '@app/platform';
import { LotChainService } from '../chain/lot-chain.service';
import { canonicalIdentifier } from '../epcis/cbv';
import { EXPORT_CONTEXT, prefixesFor } from '../epcis/epcis-context';
import { EpcisSchemaValidator } from '../epcis/epcis-schema.validator';
import type { Lot } from '../lots/lot.entity';
import { LotRepository } from '../lots/lot.repository';
import { Capture } from './capture.entity';
import { CaptureRepository } from './capture.repository';

type Obj = Record<string, unknown>;
const ID_FIELDS = ['epcList', 'inputEPCList', 'outputEPCList', 'childEPCs'] as const;
const QUANTITY_FIELDS = ['quantityList', 'inputQuantityList', 'outputQuantityList', 'childQuantityList'] as const;

/** The identifiers an event is about, canonicalised (URNs and Digital Links of any domain alike). */
function identifiersOf(e: Obj, prefixes: ReadonlyMap<string, string>): string[] {
  const ids: string[] = [];
  for (const f of ID_FIELDS) if (Array.isArray(e[f])) ids.push(...(e[f] as unknown[]).filter((x) => typeof x === 'string'));
  for (const f of QUANTITY_FIELDS)
    if (Array.isArray(e[f])) for (const q of e[f] as Obj[]) if (typeof q?.epcClass === 'string') ids.push(q.epcClass);
  if (typeof e.parentID === 'string') ids.push(e.parentID);
  return [...new Set(ids.map((id) => canonicalIdentifier(id, prefixes)))];
}

/**
 * EPCIS capture from other traceability systems: a document valid against GS1's schema whose every
 * event concerns a lot of the caller is added to those lots' chains, all events or none.
 */
@Injectable()
export class CaptureService {
  private readonly schema = new EpcisSchemaValidator();

  constructor(
    private readonly dataSource: DataSource,
    private readonly lots: LotRepository,
    private readonly captures: CaptureRepository,
    private readonly chain: LotChainService,
  ) {}

  async capture(caller: CallerIdentity, document: unknown): Promise<CaptureView> {
    partnerOf(caller);
    if (typeof document !== 'object' || document === null || Array.isArray(document) || (document as Obj).type !== 'EPCISDocument') {
      throw new ValidationFailedError([
        {
          field: 'document.type',
          message: 'the body must be an EPCIS 2.0 EPCISDocument',
          messageVi: 'nội dung phải là một EPCISDocument EPCIS 2.0',
        },
      ]);
    }
    const schemaErrors = this.schema.check(document);
    if (schemaErrors.length > 0) throw new ValidationFailedError(schemaErrors, 'The document is not valid EPCIS 2.0 JSON.');
    const doc = document as Obj & { epcisBody: { eventList: Obj[] } };
    const prefixes = prefixesFor([...EXPORT_CONTEXT, doc['@context']]);
    const events = doc.epcisBody.eventList;
    const idsPerEvent = events.map((e) => identifiersOf(e, prefixes));
    const captureId = uuidv7();
    return this.dataSource.transaction(async (manager) => {
      const known = await this.lots.findByEpcClasses(manager, [...new Set(idsPerEvent.flat())]);
      const mine = new Map(known.filter((l) => l.partnerId === caller.partnerId).map((l) => [l.epcClass, l]));
      const errors: FieldError[] = [];
      const lotsPerEvent = idsPerEvent.map((ids, i) => {
        const lots = ids.map((id) => mine.get(id)).filter((l): l is Lot => l !== undefined);
        if (lots.length === 0) {
          errors.push({
            field: `document.epcisBody.eventList[${i}]`,
            message: 'the event concerns no lot of yours (match by the lot class id, an LGTIN)',
            messageVi: 'sự kiện không liên quan tới lô hàng nào của bạn (so khớp theo mã lô LGTIN)',
          });
        }
        return lots;
      });
      if (errors.length > 0)
        throw new ValidationFailedError(errors.slice(0, 20), 'Some events concern no lot of yours; nothing was stored.');
      const lockedById = new Map<string, Lot>();
      for (const id of [...new Set(lotsPerEvent.flat().map((l) => l.id))].sort()) lockedById.set(id, (await this.lots.lock(manager, id))!);
      const context = doc['@context'];
      for (const [i, e] of events.entries()) {
        for (const lot of lotsPerEvent[i]) {
          const epcis: Obj = { ...e, '@context': e['@context'] ?? context };
          await this.chain.append(manager, lockedById.get(lot.id)!, [{ epcis, source: 'capture', captureId }]);
        }
      }
      const lotIds = [...lockedById.keys()];
      const saved = await this.captures.insert(
        manager,
        Object.assign(new Capture(), { id: captureId, partnerId: caller.partnerId!, eventCount: events.length, lotIds, document: doc }),
      );
      return this.view(saved);
    });
  }

  async get(caller: CallerIdentity, id: string): Promise<CaptureView> {
    const c = isUuid(id) ? await this.captures.findById(id) : null;
    if (!c) throw new NotFoundError('Capture', id, 'lần nhận dữ liệu');
    assertPartnerOwns(caller, c.partnerId, 'Capture', id, 'lần nhận dữ liệu');
    return this.view(c);
  }

  private view(c: Capture): CaptureView {
    return { captureId: c.id, status: 'accepted', eventCount: c.eventCount, lotIds: c.lotIds, capturedAt: toVietnamIso(c.createdAt) };
  }
}
