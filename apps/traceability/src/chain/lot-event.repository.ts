import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChainRow } from './chain-verifier';
import { LotEvent } from './lot-event.entity';

@Injectable()
export class LotEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, event: LotEvent): Promise<LotEvent> {
    return manager.getRepository(LotEvent).save(event);
  }

  async hasSourceRef(manager: EntityManager, lotId: string, sourceRef: string): Promise<boolean> {
    return (await manager.getRepository(LotEvent).countBy({ lotId, sourceRef })) > 0;
  }

  /** Everything verification needs, in chain order, without entity hydration (10,000 rows must stay fast). */
  async chainRows(lotId: string): Promise<ChainRow[]> {
    const rows = await this.dataSource.query<{ seq: number; event_id: string; epcis: Record<string, unknown>; chain_hash: string }[]>(
      'SELECT seq, event_id, epcis, chain_hash FROM lot_events WHERE lot_id = $1 ORDER BY seq',
      [lotId],
    );
    return rows.map((r) => ({ seq: r.seq, eventId: r.event_id, epcis: r.epcis, chainHash: r.chain_hash }));
  }

  page(lotId: string, afterSeq: number, limit: number): Promise<LotEvent[]> {
    return this.dataSource
      .getRepository(LotEvent)
      .createQueryBuilder('e')
      .where('e.lotId = :lotId AND e.seq > :afterSeq', { lotId, afterSeq })
      .orderBy('e.seq')
      .limit(limit)
      .getMany();
  }

  all(lotId: string): Promise<LotEvent[]> {
    return this.dataSource.getRepository(LotEvent).find({ where: { lotId }, order: { seq: 'ASC' } });
  }

  findByEventId(manager: EntityManager, lotId: string, eventId: string): Promise<LotEvent[]> {
    return manager.getRepository(LotEvent).find({ where: { lotId, eventId }, order: { seq: 'ASC' } });
  }
}
