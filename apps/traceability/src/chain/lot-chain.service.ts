import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LotEventRecordedV1, type VerificationView } from '@app/contracts';
import { event, Outbox } from '@app/messaging';
import { NotFoundError, toVietnamIso } from '@app/platform';
import { EXPORT_CONTEXT, EXPORT_PREFIXES, prefixesFor } from '../epcis/epcis-context';
import { EventHasher } from '../epcis/event-hash';
import type { Lot } from '../lots/lot.entity';
import { LotRepository } from '../lots/lot.repository';
import { genesisHash, LINK_VERSION, linkHash, recordDigestV2 } from './chain-hash';
import { ChainVerifier } from './chain-verifier';
import { entryFacts } from './entry-facts';
import { LotEvent } from './lot-event.entity';
import { LotEventRepository } from './lot-event.repository';

/**
 * An entry to append. Its record is all there is to it (ADR 0013): its kind, time and recorder are
 * read from the record (`entryFacts`), here as everywhere else.
 */
export interface NewEntry {
  /** The EPCIS event; its eventID is set to its hash unless it already has one (captured events). */
  epcis: Record<string, unknown>;
  source: LotEvent['source'];
  sourceRef?: string;
  captureId?: string;
}

/**
 * The only writer of lot histories: appends entries to a lot's chain (the lot row locked by the
 * caller's transaction) and announces each new head; and recomputes a chain to verify it.
 */
@Injectable()
export class LotChainService {
  private readonly defaultHasher = new EventHasher(EXPORT_PREFIXES);
  private readonly hashers = new Map<string, EventHasher>();

  constructor(
    private readonly events: LotEventRepository,
    private readonly lots: LotRepository,
    private readonly outbox: Outbox,
  ) {}

  /** `lot` must have been locked with `LotRepository.lock` in `manager`'s transaction. */
  async append(manager: EntityManager, lot: Lot, entries: NewEntry[]): Promise<LotEvent[]> {
    const saved: LotEvent[] = [];
    const recordedAt = new Date();
    for (const entry of entries) {
      if (entry.sourceRef && (await this.events.hasSourceRef(manager, lot.id, entry.sourceRef))) continue;
      const epcis: Record<string, unknown> = { ...entry.epcis, recordTime: recordedAt.toISOString() };
      const eventId = this.hashOf(epcis);
      epcis.eventID ??= eventId;
      const stored = await this.events.jsonbText(manager, epcis);
      const chainHash = linkHash(lot.chainHead ?? genesisHash(lot.id), eventId, recordDigestV2(stored));
      // The row's copies of what the record says, for SQL; nothing shown or computed reads them.
      const facts = entryFacts(epcis);
      const row = Object.assign(new LotEvent(), {
        id: uuidv7(),
        lotId: lot.id,
        seq: lot.eventCount + 1,
        kind: facts.kind,
        eventId,
        occurredAt: facts.occurredAt,
        recordedAt,
        recordedBy: facts.recordedBy,
        source: entry.source,
        sourceRef: entry.sourceRef ?? null,
        captureId: entry.captureId ?? null,
        epcis,
        chainHash,
        linkVersion: LINK_VERSION,
      });
      saved.push(await this.events.insert(manager, row));
      lot.eventCount = row.seq;
      lot.chainHead = chainHash;
    }
    if (saved.length === 0) return saved;
    await this.lots.save(manager, lot);
    await this.outbox.add(
      manager,
      ...saved.map((r) =>
        event(LotEventRecordedV1, lot.id, {
          lotId: lot.id,
          traceCode: lot.traceCode,
          seq: r.seq,
          kind: r.kind,
          eventId: r.eventId,
          chainHash: r.chainHash,
          occurredAt: toVietnamIso(r.occurredAt),
        }),
      ),
    );
    return saved;
  }

  /**
   * The EPCIS event hash of a stored event. Captured events keep the prefixes their document
   * declared in their own `@context`, so their extensions expand exactly as when they arrived.
   */
  hashOf(epcis: Record<string, unknown>): string {
    const context = epcis['@context'];
    if (context === undefined) return this.defaultHasher.hash(epcis as never);
    const key = JSON.stringify(context);
    let hasher = this.hashers.get(key);
    if (!hasher) {
      hasher = new EventHasher(prefixesFor([...EXPORT_CONTEXT, context]));
      if (this.hashers.size < 1000) this.hashers.set(key, hasher);
    }
    return hasher.hash(epcis as never);
  }

  /**
   * Recomputes the lot's whole chain from what is stored, every time (nothing cached), against where
   * the lot says it ends as of the same snapshot: `lot` gives only the id, an append committed
   * since it was read is verified with the rest.
   */
  async verify(lot: Pick<Lot, 'id'>): Promise<VerificationView> {
    const verifier = new ChainVerifier(lot.id, (e) => this.hashOf(e));
    const end = await this.events.readChain(lot.id, (row) => verifier.add(row));
    if (!end) throw new NotFoundError('Lot', lot.id, 'lô hàng');
    return { lotId: lot.id, ...verifier.verdict(end), verifiedAt: toVietnamIso(new Date()) };
  }
}
