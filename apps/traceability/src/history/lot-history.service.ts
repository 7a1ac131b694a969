import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { decodeCursor, encodeCursor } from '@app/persistence';
import type { CallerIdentity, LotEventView, Page, PageRequest, VerificationView } from '@app/contracts';
import { epcisDocument } from '../epcis/epcis-document';
import { LotsService } from '../lots/lots.service';
import { LotChainService } from '../chain/lot-chain.service';
import { LotEventRepository } from '../chain/lot-event.repository';
import { diaryFacts, flagsOf, lotEntry, lotEventView } from '../diary/lot-event.view';

/** Reading a lot's history: as a page of entries, as an EPCIS document, or verified. */
@Injectable()
export class LotHistoryService {
  constructor(
    private readonly lots: LotsService,
    private readonly events: LotEventRepository,
    private readonly chain: LotChainService,
  ) {}

  async list(caller: CallerIdentity, lotId: string, page: PageRequest): Promise<Page<LotEventView>> {
    const lot = await this.lots.owned(caller, lotId);
    const after = decodeCursor<{ seq: number }>(page.cursor, ['seq'])?.seq ?? 0;
    const rows = await this.events.page(lot.id, after, page.limit + 1);
    const facts = diaryFacts((await this.events.all(lot.id)).map(lotEntry));
    const more = rows.length > page.limit;
    const items = rows
      .slice(0, page.limit)
      .map(lotEntry)
      .map((e) => lotEventView(e, flagsOf(e, facts)));
    return { items, nextCursor: more ? encodeCursor({ seq: items[items.length - 1].seq }) : null };
  }

  async exportEpcis(caller: CallerIdentity, lotId: string): Promise<Record<string, unknown>> {
    const lot = await this.lots.owned(caller, lotId);
    const rows = await this.events.all(lot.id);
    return epcisDocument(
      rows.map((r) => r.epcis),
      { id: `urn:uuid:${uuidv7()}`, sender: lot.epcClass, createdAt: new Date() },
    );
  }

  async verify(lotId: string): Promise<VerificationView> {
    return this.chain.verify(await this.lots.find(lotId));
  }
}
