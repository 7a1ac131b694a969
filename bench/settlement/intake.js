'use strict';
// The settlement benchmark's client side: statements streamed to the CSV intake, and
// the EXPLAIN of one reconciliation step as the service runs it.
const fs = require('node:fs');
const path = require('node:path');
const { Readable, Transform } = require('node:stream');

const ROOT = path.resolve(__dirname, '..', '..');
const fmt = (n) => n.toLocaleString('en-US');

/** Streams one statement file to the gateway; counts the bytes as they leave. */
async function upload(base, key, st, onBytes) {
  const counter = new Transform({
    transform(chunk, _enc, cb) {
      onBytes(chunk.length);
      cb(null, chunk);
    },
  });
  const body = Readable.toWeb(fs.createReadStream(st.file, { highWaterMark: 256 * 1024 }).pipe(counter));
  const q = new URLSearchParams({ batchId: st.batchId, bankTransferRef: st.bankTransferRef, totalTransferredVnd: String(st.transferred) });
  const res = await fetch(`${base}/v1/remittances?${q}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv' },
    body,
    duplex: 'half',
  });
  const json = await res.json();
  if (res.status !== 202) throw new Error(`${st.carrier}: upload answered ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json.id;
}

/**
 * The plan of one reconciliation step as the service runs it — its own SQL (taken from the
 * compiled ReconciliationRepository) on the statement's first range, still unreconciled because
 * `lock` holds its carrier's reconciliation lock, in a transaction rolled back. Then the lock goes.
 */
async function explainStep(db, prefix, remittanceId, carrier, lock) {
  try {
    const { ReconciliationRepository } = require(
      path.join(ROOT, process.env.DIST_DIR, 'apps/settlement/src/remittances/reconciliation.repository'),
    );
    const {
      rows: [b],
    } = await db.query('SELECT chunk_size FROM remittance_batches WHERE id = $1', [remittanceId]);
    let captured;
    await new ReconciliationRepository().reconcileRange(
      { query: async (sql, params) => ((captured = { sql, params }), []) },
      remittanceId,
      carrier,
      0,
      b.chunk_size,
    );
    await db.query('BEGIN');
    try {
      const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${captured.sql}`, captured.params);
      console.log(`EXPLAIN ANALYZE of ${carrier}'s first step (${fmt(b.chunk_size)} lines), rolled back:`);
      console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
    } finally {
      await db.query('ROLLBACK');
    }
  } finally {
    await lock.end();
  }
}

module.exports = { upload, explainStep };
