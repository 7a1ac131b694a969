'use strict';
// Settlement's state before the statements arrive, written straight into its database.
const crypto = require('node:crypto');
const fs = require('node:fs');
const { pipeline } = require('node:stream/promises');
const { from: copyFrom } = require('pg-copy-streams');

/**
 * Settlement's state before the statements, written straight into its database as the delivery
 * handler would have left it: settled_shipments by COPY, then set-based INSERT … SELECT of each
 * delivered shipment's posting `delivery:<id>` (same description and SHA-256 fingerprint as
 * LedgerService computes), its four entries, and the accounts with their running totals.
 */
async function seed(db, shipmentsFile) {
  const t = Date.now();
  await db.query('BEGIN');
  await pipeline(
    fs.createReadStream(shipmentsFile),
    db.query(
      copyFrom(
        `COPY settled_shipments (shipment_id, order_id, seller_id, partner_id, carrier_code, tracking_code, receiver_province_code,
           items_vnd, cod_vnd, commission_vnd, seller_share_vnd, status, delivered_at, returned_at, remittance_id, remitted_at) FROM STDIN`,
      ),
    ),
  );
  const delivered = `FROM settled_shipments s WHERE s.status = 'delivered' AND s.cod_vnd > 0`;
  await db.query(`
    INSERT INTO ledger_postings (id, kind, description, fingerprint, total_vnd)
    SELECT 'delivery:' || s.shipment_id, 'delivery',
           'COD delivered, shipment ' || s.shipment_id || ' (' || s.carrier_code || ' ' || coalesce(s.tracking_code, '-') || ')',
           encode(sha256(convert_to(
             'carrier:' || s.carrier_code || ':receivable|' || s.cod_vnd || '|0' || E'\\n' ||
             'platform:revenue:commission|0|' || s.commission_vnd || E'\\n' ||
             'platform:revenue:fees|0|' || (s.cod_vnd - s.items_vnd) || E'\\n' ||
             'seller:' || s.seller_id || ':pending|0|' || s.seller_share_vnd, 'UTF8')), 'hex'),
           s.cod_vnd
    ${delivered}`);
  await db.query(`
    INSERT INTO ledger_entries (posting_id, account_code, debit_vnd, credit_vnd, posted_at)
    SELECT 'delivery:' || s.shipment_id, e.code, e.dr, e.cr, s.delivered_at ${delivered.replace('FROM settled_shipments s', "FROM settled_shipments s CROSS JOIN LATERAL (VALUES ('carrier:' || s.carrier_code || ':receivable', s.cod_vnd, 0::bigint), ('seller:' || s.seller_id || ':pending', 0::bigint, s.seller_share_vnd), ('platform:revenue:commission', 0::bigint, s.commission_vnd), ('platform:revenue:fees', 0::bigint, s.cod_vnd - s.items_vnd)) e(code, dr, cr)")}`);
  await db.query(`
    INSERT INTO ledger_accounts (code, kind, owner_id, normal_side, no_overdraft, debits_vnd, credits_vnd)
    SELECT account_code,
           CASE WHEN account_code LIKE 'carrier:%' THEN 'carrier_receivable' WHEN account_code LIKE 'seller:%' THEN 'seller_pending'
                WHEN account_code = 'platform:revenue:commission' THEN 'revenue_commission' ELSE 'revenue_fees' END,
           CASE WHEN account_code LIKE 'carrier:%' OR account_code LIKE 'seller:%' THEN split_part(account_code, ':', 2) END,
           CASE WHEN account_code LIKE 'carrier:%' THEN 'D' ELSE 'C' END,
           account_code LIKE 'seller:%',
           sum(debit_vnd), sum(credit_vnd)
      FROM ledger_entries GROUP BY account_code`);
  await db.query('COMMIT');
  await db.query('ANALYZE settled_shipments, ledger_postings, ledger_entries, ledger_accounts');
  return Date.now() - t;
}

/** LedgerService's fingerprint of one delivery, recomputed here: the seed must equal what the handler writes. */
async function checkSeedFingerprint(db) {
  const { rows } = await db.query(
    `SELECT s.*, p.fingerprint FROM settled_shipments s JOIN ledger_postings p ON p.id = 'delivery:' || s.shipment_id LIMIT 1`,
  );
  const s = rows[0];
  const entries = [
    [`carrier:${s.carrier_code}:receivable|D`, `carrier:${s.carrier_code}:receivable|${s.cod_vnd}|0`],
    ['platform:revenue:commission|C', `platform:revenue:commission|0|${s.commission_vnd}`],
    ['platform:revenue:fees|C', `platform:revenue:fees|0|${Number(s.cod_vnd) - Number(s.items_vnd)}`],
    [`seller:${s.seller_id}:pending|C`, `seller:${s.seller_id}:pending|0|${s.seller_share_vnd}`],
  ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const fp = crypto
    .createHash('sha256')
    .update(entries.map(([, e]) => e).join('\n'))
    .digest('hex');
  if (fp !== s.fingerprint) throw new Error(`seeded fingerprint ${s.fingerprint} ≠ LedgerService's ${fp}`);
}

module.exports = { seedLedger: seed, checkSeedFingerprint };
