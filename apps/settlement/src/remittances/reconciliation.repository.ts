import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LineOutcome, RemittanceLineError } from '@app/contracts';
import { shipmentMatch } from './shipment-match.sql';

export interface OutcomeAggregate {
  outcome: LineOutcome;
  count: number;
  codCollectedVnd: number;
  expectedCodVnd: number;
  netRemittedVnd: number;
  feesVnd: number;
}

interface AggregateRow {
  outcome: LineOutcome;
  n: string;
  cod: string;
  expected: string;
  net: string;
  fees: string;
}

const ALL = 2 ** 31 - 1;

const toAggregate = (r: AggregateRow): OutcomeAggregate => ({
  outcome: r.outcome,
  count: Number(r.n),
  codCollectedVnd: Number(r.cod),
  expectedCodVnd: Number(r.expected),
  netRemittedVnd: Number(r.net),
  feesVnd: Number(r.fees),
});

/** What reconciling one range found. */
export interface RangeResult {
  outcomes: OutcomeAggregate[];
  /** Shares of matched and over lines, per seller. */
  releases: SellerRelease[];
  /** Lines that settle a shipment (matched, short, over) and shipments marked remitted: equal unless something raced. */
  settling: number;
  marked: number;
}

export interface SellerRelease {
  sellerId: string;
  shareVnd: number;
}

/** Set-based reconciliation of a remittance's lines, an ordinal range at a time (the SQL lives here). */
@Injectable()
export class ReconciliationRepository {
  /**
   * Lines naming a shipment of another carrier: such a remittance is refused whole. Only lines whose
   * quoted shipment intake did not find among the carrier's own can be such lines.
   */
  async foreignShipmentLines(manager: EntityManager, remittanceId: string, carrier: string): Promise<RemittanceLineError[]> {
    const rows = await manager.query<{ line_no: number; shipment_ref: string }[]>(
      `SELECT l.line_no, l.shipment_ref FROM remittance_lines l JOIN settled_shipments s ON s.shipment_id = l.shipment_ref
        WHERE l.remittance_id = $1 AND l.shipment_ref IS NOT NULL AND l.shipment_id IS DISTINCT FROM l.shipment_ref
          AND s.carrier_code <> $2
        ORDER BY l.line_no LIMIT 1000`,
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
   * Reconciles the lines of one ordinal range in one remittance: gives each line its outcome —
   * the shipment it names (resolved again, intake's answer first in line);
   * `duplicate` if already remitted or earlier in the range (earlier ranges marked it remitted);
   * else matched / short / over against the COD we expect — marks the settling lines' shipments
   * remitted, and returns the range's per-outcome sums and the seller shares it releases.
   *
   * A shipment is marked only if it is still unremitted with the COD the line was judged
   * against; if a concurrent change (a return, another reconciler) got there first, fewer rows
   * are marked than lines settle and the caller must roll the range back.
   *
   * The two updates find their rows by the physical row id the reads saw (`ctid`, one heap fetch)
   * rather than through an index again: within one remittance that row version is the one read,
   * and a version changed by another transaction meanwhile no longer matches (so is not marked).
   */
  async reconcileRange(manager: EntityManager, remittanceId: string, carrier: string, from: number, to: number): Promise<RangeResult> {
    const rows = await manager.query<
      (Omit<AggregateRow, 'outcome'> & { kind: 'outcome' | 'seller' | 'marked'; key: string; share: string })[]
    >(
      `WITH ranked AS (
         SELECT l.ctid AS line_row, m.*, row_number() OVER (PARTITION BY m.sid ORDER BY l.ordinal) AS rn
           FROM remittance_lines l
           LEFT JOIN LATERAL (${shipmentMatch(
             'l',
             '$2',
             'x.shipment_id AS sid, x.ctid AS shipment_row, x.remittance_id AS already, x.cod_vnd AS expected, x.seller_id, x.seller_share_vnd AS share',
             true,
           )}) m ON true
          WHERE l.remittance_id = $1 AND l.ordinal >= $3 AND l.ordinal < $4
       ), classified AS (
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
         WHERE l.ctid = r.line_row AND l.remittance_id = $1
         RETURNING l.outcome, l.shipment_id, r.shipment_row, l.seller_id, l.cod_collected_vnd, l.expected_cod_vnd, l.net_remitted_vnd,
                   l.seller_share_vnd, l.shipping_fee_vnd + l.cod_fee_vnd + l.return_fee_vnd AS fees
       ), marked AS (
         UPDATE settled_shipments s SET remittance_id = $1, remitted_at = now()
           FROM classified c
          WHERE c.outcome IN ('matched', 'short', 'over') AND s.ctid = c.shipment_row AND s.shipment_id = c.shipment_id
            AND s.remittance_id IS NULL AND s.cod_vnd = c.expected_cod_vnd
         RETURNING 1
       )
       SELECT 'outcome' AS kind, outcome AS key, count(*) AS n, sum(cod_collected_vnd) AS cod, sum(expected_cod_vnd) AS expected,
              sum(net_remitted_vnd) AS net, sum(fees) AS fees, 0 AS share
         FROM classified GROUP BY outcome
       UNION ALL
       SELECT 'seller', seller_id, count(*), 0, 0, 0, 0, sum(seller_share_vnd)
         FROM classified WHERE outcome IN ('matched', 'over') AND seller_share_vnd > 0 GROUP BY seller_id
       UNION ALL
       SELECT 'marked', NULL, count(*), 0, 0, 0, 0, 0 FROM marked`,
      [remittanceId, carrier, from, to],
    );
    const result: RangeResult = { outcomes: [], releases: [], settling: 0, marked: 0 };
    for (const r of rows) {
      if (r.kind === 'outcome') {
        const o = toAggregate({ ...r, outcome: r.key as LineOutcome });
        result.outcomes.push(o);
        if (o.outcome === 'matched' || o.outcome === 'short' || o.outcome === 'over') result.settling += o.count;
      } else if (r.kind === 'seller') result.releases.push({ sellerId: r.key, shareVnd: Number(r.share) });
      else result.marked = Number(r.n);
    }
    return result;
  }

  /** Per-outcome sums of the lines before ordinal `to` (all of them by default). */
  async aggregate(manager: EntityManager, remittanceId: string, to = ALL): Promise<OutcomeAggregate[]> {
    const rows = await manager.query<AggregateRow[]>(
      `SELECT outcome, count(*) AS n, sum(cod_collected_vnd) AS cod, sum(expected_cod_vnd) AS expected, sum(net_remitted_vnd) AS net,
              sum(shipping_fee_vnd + cod_fee_vnd + return_fee_vnd) AS fees
         FROM remittance_lines WHERE remittance_id = $1 AND ordinal < $2 GROUP BY outcome`,
      [remittanceId, to],
    );
    return rows.map(toAggregate);
  }

  /** Seller shares released by the lines before ordinal `to` (matched and over: the full COD arrived), per seller. */
  async sellerReleases(manager: EntityManager, remittanceId: string, to = ALL): Promise<SellerRelease[]> {
    const rows = await manager.query<{ seller_id: string; share: string }[]>(
      `SELECT seller_id, sum(seller_share_vnd) AS share FROM remittance_lines
        WHERE remittance_id = $1 AND ordinal < $2 AND outcome IN ('matched', 'over') AND seller_share_vnd > 0
        GROUP BY seller_id`,
      [remittanceId, to],
    );
    return rows.map((r) => ({ sellerId: r.seller_id, shareVnd: Number(r.share) }));
  }
}
