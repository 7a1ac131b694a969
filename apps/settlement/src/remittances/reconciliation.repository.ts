import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LineOutcome, RemittanceLineError } from '@app/contracts';

export interface OutcomeAggregate {
  outcome: LineOutcome;
  count: number;
  codCollectedVnd: number;
  expectedCodVnd: number;
  netRemittedVnd: number;
  feesVnd: number;
}

/** Set-based reconciliation of one ordinal range of a statement's lines (the SQL lives here). */
@Injectable()
export class ReconciliationRepository {
  /** Lines naming a shipment of another carrier: such a statement is refused whole. */
  async foreignShipmentLines(manager: EntityManager, remittanceId: string, carrier: string): Promise<RemittanceLineError[]> {
    const rows = await manager.query<{ line_no: number; shipment_ref: string }[]>(
      `SELECT l.line_no, l.shipment_ref FROM remittance_lines l JOIN settled_shipments s ON s.shipment_id = l.shipment_ref
        WHERE l.remittance_id = $1 AND s.carrier_code <> $2 ORDER BY l.line_no LIMIT 1000`,
      [remittanceId, carrier],
    );
    return rows.map((r) => ({
      line: r.line_no,
      field: 'shipmentId',
      message: `line ${r.line_no}: shipmentId ${r.shipment_ref} is not a shipment of carrier ${carrier}`,
      messageVi: `dòng ${r.line_no}: shipmentId ${r.shipment_ref} không phải vận đơn của hãng ${carrier}`,
    }));
  }

  /**
   * Gives each line of the range its outcome: the shipment by our id (else the carrier's tracking
   * code, within the carrier); `duplicate` if already remitted or earlier in the statement; else
   * matched / short / over against the COD we expect. Then marks the settled shipments remitted.
   */
  async classify(manager: EntityManager, remittanceId: string, carrier: string, from: number, to: number): Promise<void> {
    await manager.query(
      `WITH cand AS (
         SELECT l.ordinal, s.shipment_id AS sid
           FROM remittance_lines l
           LEFT JOIN LATERAL (
             SELECT x.shipment_id FROM settled_shipments x
              WHERE x.carrier_code = $2 AND (x.shipment_id = l.shipment_ref OR x.tracking_code = l.tracking_code)
              ORDER BY (x.shipment_id = l.shipment_ref) DESC NULLS LAST LIMIT 1) s ON true
          WHERE l.remittance_id = $1 AND l.ordinal >= $3 AND l.ordinal < $4
       ), ranked AS (
         SELECT c.ordinal, c.sid, s.remittance_id AS already, s.cod_vnd AS expected, s.seller_id, s.seller_share_vnd AS share,
                row_number() OVER (PARTITION BY c.sid ORDER BY c.ordinal) AS rn
           FROM cand c LEFT JOIN settled_shipments s ON s.shipment_id = c.sid
       )
       UPDATE remittance_lines l SET
         shipment_id = r.sid,
         seller_id = r.seller_id,
         outcome = CASE WHEN r.sid IS NULL THEN 'unknown'
                        WHEN r.already IS NOT NULL OR r.rn > 1 THEN 'duplicate'
                        WHEN l.cod_collected_vnd = r.expected THEN 'matched'
                        WHEN l.cod_collected_vnd < r.expected THEN 'short'
                        ELSE 'over' END,
         expected_cod_vnd = CASE WHEN r.sid IS NULL OR r.already IS NOT NULL OR r.rn > 1 THEN 0 ELSE r.expected END,
         seller_share_vnd = CASE WHEN r.sid IS NULL OR r.already IS NOT NULL OR r.rn > 1 THEN 0 ELSE r.share END
       FROM ranked r
       WHERE l.remittance_id = $1 AND l.ordinal = r.ordinal`,
      [remittanceId, carrier, from, to],
    );
    await manager.query(
      `UPDATE settled_shipments s SET remittance_id = $1, remitted_at = now()
         FROM remittance_lines l
        WHERE l.remittance_id = $1 AND l.ordinal >= $2 AND l.ordinal < $3 AND l.outcome IN ('matched', 'short', 'over')
          AND s.shipment_id = l.shipment_id`,
      [remittanceId, from, to],
    );
  }

  /** Per-outcome sums of a range (the whole statement with from = 0, to = ∞). */
  async aggregate(manager: EntityManager, remittanceId: string, from: number, to: number): Promise<OutcomeAggregate[]> {
    const rows = await manager.query<{ outcome: LineOutcome; n: string; cod: string; expected: string; net: string; fees: string }[]>(
      `SELECT outcome, count(*) AS n, sum(cod_collected_vnd) AS cod, sum(expected_cod_vnd) AS expected, sum(net_remitted_vnd) AS net,
              sum(shipping_fee_vnd + cod_fee_vnd + return_fee_vnd) AS fees
         FROM remittance_lines WHERE remittance_id = $1 AND ordinal >= $2 AND ordinal < $3 GROUP BY outcome`,
      [remittanceId, from, to],
    );
    return rows.map((r) => ({
      outcome: r.outcome,
      count: Number(r.n),
      codCollectedVnd: Number(r.cod),
      expectedCodVnd: Number(r.expected),
      netRemittedVnd: Number(r.net),
      feesVnd: Number(r.fees),
    }));
  }

  /** Seller shares the range releases (matched and over lines: the full COD arrived). */
  async sellerReleases(
    manager: EntityManager,
    remittanceId: string,
    from: number,
    to: number,
  ): Promise<{ sellerId: string; shareVnd: number }[]> {
    const rows = await manager.query<{ seller_id: string; share: string }[]>(
      `SELECT seller_id, sum(seller_share_vnd) AS share FROM remittance_lines
        WHERE remittance_id = $1 AND ordinal >= $2 AND ordinal < $3 AND outcome IN ('matched', 'over') AND seller_share_vnd > 0
        GROUP BY seller_id`,
      [remittanceId, from, to],
    );
    return rows.map((r) => ({ sellerId: r.seller_id, shareVnd: Number(r.share) }));
  }
}
