import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationFailedError } from '@app/platform';
import type { CallerIdentity, LotEventView, RecordFarmEventRequest } from '@app/contracts';
import { isDiaryKind } from '../chain/entry-facts';
import { diaryFacts, flagsOf, lotEntry, lotEventView } from './lot-event.view';
import { LotChainService, type NewEntry } from '../chain/lot-chain.service';
import { LotEventRepository } from '../chain/lot-event.repository';
import { farmEventToEpcis } from '../epcis/farm-event.mapper';
import { LotRepository } from '../lots/lot.repository';
import { LotsService } from '../lots/lots.service';
import { ReplicaRepository } from '../replicas/replica.repository';
import { diaryEntryErrors } from './diary-rules';

/** The farm diary: entries recorded by the partner for a lot, checked, hashed and chained. */
@Injectable()
export class DiaryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lotsService: LotsService,
    private readonly lots: LotRepository,
    private readonly events: LotEventRepository,
    private readonly chain: LotChainService,
    private readonly replicas: ReplicaRepository,
  ) {}

  async record(caller: CallerIdentity, req: RecordFarmEventRequest): Promise<LotEventView> {
    const owned = await this.lotsService.owned(caller, req.lotId);
    const errors = diaryEntryErrors(req);
    if (errors.length > 0) throw new ValidationFailedError(errors);
    const seller = await this.replicas.findSeller(owned.sellerId);
    const wardCode = req.wardCode ?? owned.area?.wardCode ?? seller?.wardCode ?? '';
    const epcis = farmEventToEpcis(req, owned, wardCode);
    const entry: NewEntry = { epcis, source: 'diary' };
    const saved = await this.dataSource.transaction(async (manager) => {
      const lot = (await this.lots.lock(manager, owned.id))!;
      const entries = [entry];
      if (req.correctsEventId !== undefined) {
        const declaration = await this.errorDeclaration(manager, lot.id, req, this.chain.hashOf(epcis));
        entries.unshift(declaration);
      }
      const appended = await this.chain.append(manager, lot, entries);
      return appended[appended.length - 1];
    });
    const facts = diaryFacts((await this.events.all(owned.id)).map(lotEntry));
    const recorded = lotEntry(saved);
    return lotEventView(recorded, flagsOf(recorded, facts));
  }

  /**
   * EPCIS corrections: the erroneous event is re-stated with an `errorDeclaration` naming the
   * corrective event; nothing already recorded changes.
   */
  private async errorDeclaration(
    manager: EntityManager,
    lotId: string,
    req: RecordFarmEventRequest,
    correctiveEventId: string,
  ): Promise<NewEntry> {
    const matches = (await this.events.findByEventId(manager, lotId, req.correctsEventId!)).map(lotEntry);
    const original = matches.find((m) => m.kind !== 'error_declaration');
    if (!original || !isDiaryKind(original.kind)) {
      throw new NotFoundError('Diary entry', req.correctsEventId!, 'mục nhật ký');
    }
    if (matches.some((m) => m.kind === 'error_declaration')) {
      throw new ConflictError('already_corrected', `Entry ${original.seq} has already been corrected.`).vi(
        `Mục ${original.seq} đã được đính chính trước đó.`,
      );
    }
    const { recordTime: _r, ...epcis } = original.epcis;
    return {
      epcis: {
        ...epcis,
        // Outside the event hash (the declaration keeps the original's), inside the chained record.
        errorDeclaration: {
          declarationTime: new Date().toISOString(),
          reason: 'incorrect_data',
          correctiveEventIDs: [correctiveEventId],
          'nongsan:reason': req.correctionReason!.normalize('NFC').trim(),
          'nongsan:declaredBy': req.recordedBy.normalize('NFC').trim(),
        },
      },
      source: 'diary',
    };
  }
}
