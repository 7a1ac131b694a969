import { Injectable } from '@nestjs/common';
import { Query, type PoolClient, type QueryArrayConfig } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { ChainRow } from './chain-verifier';
import { LotEvent } from './lot-event.entity';

const CHAIN_END = 'SELECT event_count, chain_head FROM lots WHERE id = $1';
const CHAIN_ROWS = 'SELECT seq, event_id, link_version, epcis::text, chain_hash FROM lot_events WHERE lot_id = $1 ORDER BY seq';

/** Where a lot says its chain ends (`lots.event_count`, `lots.chain_head`). */
export interface ChainEnd {
  eventCount: number;
  chainHead: string | null;
}

@Injectable()
export class LotEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(manager: EntityManager, event: LotEvent): Promise<LotEvent> {
    return manager.getRepository(LotEvent).save(event);
  }

  async hasSourceRef(manager: EntityManager, lotId: string, sourceRef: string): Promise<boolean> {
    return (await manager.getRepository(LotEvent).countBy({ lotId, sourceRef })) > 0;
  }

  /**
   * PostgreSQL's text of a record as it will be stored: jsonb prints the same value the same way,
   * and this is the JSON text TypeORM sends for the column (`JSON.stringify`).
   */
  async jsonbText(manager: EntityManager, record: Record<string, unknown>): Promise<string> {
    const [row] = await manager.query<{ text: string }[]>('SELECT $1::jsonb::text AS text', [JSON.stringify(record)]);
    return row.text;
  }

  /**
   * Reads a lot's chain as of one moment: where the lot says it ends, then its entries, handed to
   * `onRow` in chain order as PostgreSQL sends them (checking one entry overlaps reading the next;
   * no entity hydration, the record as jsonb's text). Both reads share one REPEATABLE READ
   * snapshot, so an append committing meanwhile is in both or in neither. Null: no such lot.
   */
  async readChain(lotId: string, onRow: (row: ChainRow) => void): Promise<ChainEnd | null> {
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [PoolClient, (unusable?: Error) => void];
    let unusable: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const end = await client.query<[number, string | null]>({ text: CHAIN_END, values: [lotId], rowMode: 'array' });
      if (end.rows.length > 0) await streamRows(client, lotId, onRow);
      await client.query('COMMIT');
      return end.rows.length > 0 ? { eventCount: end.rows[0][0], chainHead: end.rows[0][1] } : null;
    } catch (e) {
      // A connection that cannot leave the transaction is dropped, not put back in the pool.
      await client.query('ROLLBACK').catch((r: unknown) => (unusable = r instanceof Error ? r : new Error(String(r))));
      throw e;
    } finally {
      release(unusable);
    }
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

function streamRows(client: PoolClient, lotId: string, onRow: (row: ChainRow) => void): Promise<void> {
  const query: QueryArrayConfig<[string]> = { text: CHAIN_ROWS, values: [lotId], rowMode: 'array' };
  return new Promise<void>((resolve, reject) => {
    let failure: Error | null = null;
    client
      .query(new Query<[number, string, number, string, string]>(query))
      .on('row', (r) => {
        if (failure) return;
        try {
          onRow({ seq: r[0], eventId: r[1], linkVersion: r[2], record: r[3], chainHash: r[4] });
        } catch (e) {
          // Thrown here it would escape into the connection's socket handler: fail the read instead.
          failure = e instanceof Error ? e : new Error('reading the chain failed', { cause: e });
        }
      })
      .on('error', reject)
      .on('end', () => (failure ? reject(failure) : resolve()));
  });
}
