import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { validate as isUuid } from 'uuid';
import type { RemittanceDiscrepancy, RemittanceLineError, RemittanceStatus } from '@app/contracts';
import { decodeCursor } from '@app/persistence';
import type { StagedLine } from './remittance-line-parser';
import { Remittance } from './remittance.entity';
import { shipmentMatch } from './shipment-match.sql';

/** Remittances, their staged lines and errors. */
@Injectable()
export class RemittanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The remittance, optionally locked: `update` to change it, `share` to keep it as it is while adding
   * to it (chunks of one upload are staged side by side; completing it waits for them).
   */
  find(id: string, manager: EntityManager = this.dataSource.manager, lock: false | 'update' | 'share' = false): Promise<Remittance | null> {
    const q = manager.getRepository(Remittance).createQueryBuilder('b').where('b.id = :id', { id });
    if (lock) q.setLock(lock === 'update' ? 'pessimistic_write' : 'pessimistic_read');
    return q.getOne();
  }

  /** Records a committed reconciliation step (the resume point). */
  async advance(manager: EntityManager, id: string, chunksDone: number): Promise<void> {
    await manager.query('UPDATE remittance_batches SET chunks_done = $2 WHERE id = $1', [id, chunksDone]);
  }

  /** A carrier's remittances (undefined: every carrier's), newest first, never an upload still receiving: `limit + 1` rows. */
  list(carrierCode: string | undefined, status: RemittanceStatus | undefined, limit: number, cursor?: string): Promise<Remittance[]> {
    const after = decodeCursor<{ id: string }>(cursor, ['id'], (k) => isUuid(k.id));
    const q = this.dataSource
      .getRepository(Remittance)
      .createQueryBuilder('r')
      .where(`r.status <> 'receiving'`)
      .orderBy('r.id', 'DESC')
      .limit(limit + 1);
    if (carrierCode !== undefined) q.andWhere('r.carrier_code = :carrierCode', { carrierCode });
    if (status) q.andWhere('r.status = :status', { status });
    if (after) q.andWhere('r.id < :id', { id: after.id });
    return q.getMany();
  }

  save(manager: EntityManager, b: Remittance): Promise<Remittance> {
    return manager.getRepository(Remittance).save(b);
  }

  /** A new upload, on its own (no transaction of the caller's). */
  open(b: Remittance): Promise<Remittance> {
    return this.save(this.dataSource.manager, b);
  }

  /** The accepted remittance (processing or reconciled) of a carrier with this batch id. */
  findAccepted(manager: EntityManager, carrierCode: string, batchId: string): Promise<Remittance | null> {
    return manager
      .getRepository(Remittance)
      .createQueryBuilder('b')
      .where('b.carrier_code = :carrierCode AND b.batch_id = :batchId', { carrierCode, batchId })
      .andWhere(`b.status IN ('processing', 'reconciled')`)
      .getOne();
  }

  /** Remittances accepted and not yet reconciled, oldest first (of one carrier, if given). */
  async processing(carrierCode?: string): Promise<{ id: string; carrierCode: string }[]> {
    const rows = await this.dataSource.query<{ id: string; carrier_code: string }[]>(
      `SELECT id, carrier_code FROM remittance_batches WHERE status = 'processing' AND ($1::text IS NULL OR carrier_code = $1)
        ORDER BY completed_at, id`,
      [carrierCode ?? null],
    );
    return rows.map((r) => ({ id: r.id, carrierCode: r.carrier_code }));
  }

  /** Records a chunk; false when it was staged before (a retried request). */
  async claimChunk(manager: EntityManager, remittanceId: string, seq: number, lineCount: number): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO remittance_chunks (remittance_id, seq, line_count) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING seq`,
      [remittanceId, seq, lineCount],
    );
    return rows.length > 0;
  }

  async chunkTotals(manager: EntityManager, remittanceId: string): Promise<{ chunks: number; lines: number }> {
    const [r] = await manager.query<{ chunks: string; lines: string | null }[]>(
      'SELECT count(*) AS chunks, sum(line_count) AS lines FROM remittance_chunks WHERE remittance_id = $1',
      [remittanceId],
    );
    return { chunks: Number(r.chunks), lines: Number(r.lines ?? 0) };
  }

  /**
   * Stages lines with one statement (one JSON parameter of arrays, not one insert per line), each
   * with the shipment it names among the carrier's — resolved now, while the upload streams in,
   * so that reconciling the remittance later starts from the answer. A chunk sent again never gets
   * here (`claimChunk`); a line whose position is taken is an error, not a line silently dropped.
   */
  async insertLines(manager: EntityManager, remittanceId: string, carrier: string, lines: StagedLine[]): Promise<void> {
    if (lines.length === 0) return;
    await manager.query(
      `INSERT INTO remittance_lines (remittance_id, ordinal, line_no, tracking_code, shipment_ref, cod_collected_vnd, shipping_fee_vnd,
                                     cod_fee_vnd, return_fee_vnd, net_remitted_vnd, delivered_at, shipment_id, seller_id)
       SELECT $1, l.ordinal, l.line_no, l.tracking_code, l.shipment_ref, l.cod, l.shipping_fee, l.cod_fee, l.return_fee, l.net,
              l.delivered_at, m.shipment_id, m.seller_id
         FROM (SELECT (e->>0)::int AS ordinal, (e->>1)::int AS line_no, e->>2 AS tracking_code, e->>3 AS shipment_ref,
                      (e->>4)::bigint AS cod, (e->>5)::bigint AS shipping_fee, (e->>6)::bigint AS cod_fee, (e->>7)::bigint AS return_fee,
                      (e->>8)::bigint AS net, to_timestamp((e->>9)::float8 / 1000) AS delivered_at
                 FROM jsonb_array_elements($2::jsonb) e) l
         LEFT JOIN LATERAL (${shipmentMatch('l', '$3', 'x.shipment_id, x.seller_id')}) m ON true`,
      [
        remittanceId,
        // Arrays as StagedLine lays them out; the delivery time in epoch ms (exact, and cheap to write).
        JSON.stringify(lines),
        carrier,
      ],
    );
  }

  async insertErrors(manager: EntityManager, remittanceId: string, errors: RemittanceLineError[]): Promise<void> {
    if (errors.length === 0) return;
    await manager.query(
      `INSERT INTO remittance_line_errors (remittance_id, line_no, field, message, message_vi)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
      [
        remittanceId,
        errors.map((e) => e.line),
        errors.map((e) => e.field),
        errors.map((e) => e.message),
        errors.map((e) => e.messageVi ?? null),
      ],
    );
  }

  async errors(
    remittanceId: string,
    limit: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ items: RemittanceLineError[]; count: number }> {
    const rows = await manager.query<{ line_no: number; field: string; message: string; message_vi: string | null }[]>(
      'SELECT line_no, field, message, message_vi FROM remittance_line_errors WHERE remittance_id = $1 ORDER BY line_no, field LIMIT $2',
      [remittanceId, limit],
    );
    const [{ n }] = await manager.query<{ n: string }[]>('SELECT count(*) AS n FROM remittance_line_errors WHERE remittance_id = $1', [
      remittanceId,
    ]);
    return {
      items: rows.map((r) => ({
        line: r.line_no,
        field: r.field,
        message: r.message,
        ...(r.message_vi ? { messageVi: r.message_vi } : {}),
      })),
      count: Number(n),
    };
  }

  /** Drops what an upload staged (a replay of an accepted remittance, or a rejected one). */
  async discardStaged(manager: EntityManager, remittanceId: string, withBatch: boolean): Promise<void> {
    await manager.query('DELETE FROM remittance_lines WHERE remittance_id = $1', [remittanceId]);
    await manager.query('DELETE FROM remittance_chunks WHERE remittance_id = $1', [remittanceId]);
    if (withBatch) {
      await manager.query('DELETE FROM remittance_line_errors WHERE remittance_id = $1', [remittanceId]);
      await manager.query('DELETE FROM remittance_batches WHERE id = $1', [remittanceId]);
    }
  }

  async discrepancies(remittanceId: string, limit: number): Promise<{ items: RemittanceDiscrepancy[]; count: number }> {
    const rows = await this.dataSource.query<
      {
        line_no: number;
        outcome: RemittanceDiscrepancy['outcome'];
        tracking_code: string;
        shipment_id: string | null;
        expected: string;
        cod: string;
      }[]
    >(
      `SELECT line_no, outcome, tracking_code, shipment_id, COALESCE(expected_cod_vnd, 0) AS expected, cod_collected_vnd AS cod
         FROM remittance_lines WHERE remittance_id = $1 AND outcome <> 'matched' ORDER BY line_no LIMIT $2`,
      [remittanceId, limit],
    );
    const [{ n }] = await this.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM remittance_lines WHERE remittance_id = $1 AND outcome <> 'matched'`,
      [remittanceId],
    );
    return {
      count: Number(n),
      items: rows.map((r) => ({
        line: r.line_no,
        outcome: r.outcome,
        trackingCode: r.tracking_code,
        shipmentId: r.shipment_id,
        expectedCodVnd: Number(r.expected),
        codCollectedVnd: Number(r.cod),
        differenceVnd: Number(r.cod) - Number(r.expected),
      })),
    };
  }
}
