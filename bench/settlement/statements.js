'use strict';
// The Tết day's statements, generated: each carrier's CSV statement, the shipments settlement knows
// (a COPY file of settled_shipments) and what reconciliation must come to, exact to the đồng.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { prng } = require('../lib/common');

const DAY = 86_400_000;
/** Carriers, their share of the day's lines, how they write tracking codes, and whether they quote our id. */
const CARRIERS = [
  { code: 'VNPOST', share: 0.45, track: (n) => `EB${String(n).padStart(9, '0')}VN`, ourId: 0.3, transferShortVnd: 0 },
  { code: 'VTP', share: 0.28, track: (n) => `1${String(n).padStart(11, '0')}`, ourId: 1, transferShortVnd: 250_000 },
  { code: 'GHN', share: 0.15, track: (n) => `GHN${n.toString(36).toUpperCase().padStart(8, '0')}`, ourId: 0.8, transferShortVnd: 0 },
  { code: 'GHTK', share: 0.12, track: (n) => `S${20000000 + n}.BO.MB`, ourId: 0, transferShortVnd: -30_000 },
];
const COLUMNS = 'trackingCode,shipmentId,codCollectedVnd,shippingFeeVnd,codFeeVnd,returnFeeVnd,netRemittedVnd,deliveredAt';

const commissionOf = (items) => Math.floor((items * 500 + 5000) / 10000); // 5% half up, as CommissionPolicy
const zeroOutcome = () => ({ count: 0, codCollectedVnd: 0, expectedCodVnd: 0, netRemittedVnd: 0, differenceVnd: 0 });
const uuid = (rnd) => {
  const b = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) b[i] = Math.floor(rnd() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const pgDate = (ms) => new Date(ms).toISOString();

/**
 * Writes each carrier's statement (CSV) and the shipments settlement knows (a COPY file of
 * settled_shipments), and computes what reconciliation must come to. Per line: ~97.3% matched,
 * 1% short, 0.5% over, 0.5% unknown (no such shipment), 0.4% duplicate of an earlier line of the
 * statement, 0.3% duplicate of a shipment an earlier statement remitted, 1% return-fee lines of
 * returned shipments (nothing expected: matched with a negative net); plus 0.4% delivered shipments
 * missing from the statement, 4–45 days old (every ageing bucket).
 * @param {string} dir @param {number} now @param {{ lines: number, sellers: number, seed: number }} o
 */
async function generate(dir, now, o) {
  fs.mkdirSync(dir, { recursive: true });
  const rnd = prng(o.seed);
  const sellerIds = Array.from({ length: o.sellers }, () => uuid(rnd));
  const partnerOf = (i) => `partner-${i % 500}`;
  const shipmentsFile = path.join(dir, 'settled_shipments.tsv');
  const ships = fs.createWriteStream(shipmentsFile);
  const write = (stream, s) => (stream.write(s) ? undefined : new Promise((r) => stream.once('drain', r)));
  const statements = [];
  let serial = 0;
  const totals = { shipments: 0, deliveredCod: 0 };
  for (const c of CARRIERS) {
    const n = c === CARRIERS[CARRIERS.length - 1] ? o.lines - statements.reduce((t, s) => t + s.lines, 0) : Math.round(o.lines * c.share);
    const file = path.join(dir, `${c.code}.csv`);
    const out = fs.createWriteStream(file);
    await write(out, `${COLUMNS}\n`);
    const outcomes = {
      matched: zeroOutcome(),
      short: zeroOutcome(),
      over: zeroOutcome(),
      unknown: zeroOutcome(),
      duplicate: zeroOutcome(),
    };
    const exp = { fees: 0, released: 0, pendingLeft: 0, receivableLeft: 0, missing: { count: 0, codVnd: 0, buckets: {} } };
    const later = new Map(); // line index -> duplicate lines due there
    let written = 0;
    const addOutcome = (o, cod, expected, net) => {
      const t = outcomes[o];
      t.count += 1;
      t.codCollectedVnd += cod;
      t.expectedCodVnd += expected;
      t.netRemittedVnd += net;
      t.differenceVnd += cod - expected;
    };
    const shipment = (status, deliveredAt, remitted) => {
      serial += 1;
      const items =
        status === 'returned' ? 60000 + Math.floor(rnd() * 400) * 1000 : 45000 + Math.floor(rnd() * 1200) * 1000 + Math.floor(rnd() * 1000);
      const shipping = 16000 + Math.floor(rnd() * 45) * 1000;
      const sellerIx = Math.floor(o.sellers * rnd() ** 2); // cooperatives ship more than households
      const commission = status === 'delivered' ? commissionOf(items) : 0;
      const s = {
        id: uuid(rnd),
        tracking: c.track(serial),
        sellerId: sellerIds[sellerIx],
        items,
        shipping,
        cod: status === 'delivered' ? items + shipping : 0,
        commission,
        share: status === 'delivered' ? items - commission : 0,
      };
      const cols = [
        s.id,
        uuid(rnd),
        s.sellerId,
        partnerOf(sellerIx),
        c.code,
        s.tracking,
        ['01', '79', '48', '92', '24'][serial % 5],
        s.items,
        s.cod,
        s.commission,
        s.share,
        status,
        status === 'delivered' ? pgDate(deliveredAt) : '\\N',
        status === 'returned' ? pgDate(deliveredAt) : '\\N',
        remitted ? remitted.id : '\\N',
        remitted ? pgDate(remitted.at) : '\\N',
      ];
      totals.shipments += 1;
      if (status === 'delivered') totals.deliveredCod += s.cod;
      return { s, row: `${cols.join('\t')}\n` };
    };
    const csvLine = (tracking, ourId, cod, ship, codFee, retFee) =>
      `${tracking},${ourId},${cod},${ship},${codFee},${retFee},${cod - ship - codFee - retFee},${pgDate(now - DAY)}\n`;
    const earlier = { id: uuid(rnd), at: now - 2 * DAY };
    for (let i = 0; written < n; i++) {
      for (const dup of later.get(i) ?? []) {
        if (written >= n) break;
        await write(out, dup.line);
        addOutcome('duplicate', dup.cod, 0, dup.net);
        written += 1;
      }
      later.delete(i);
      if (written >= n) break;
      const r = rnd();
      let line;
      if (r < 0.005) {
        const cod = 50000 + Math.floor(rnd() * 500) * 1000;
        line = csvLine(`${c.track(900_000_000 + i)}X`, '', cod, 20000, Math.round(cod * 0.008), 0);
        addOutcome('unknown', cod, 0, cod - 20000 - Math.round(cod * 0.008));
      } else if (r < 0.015) {
        const { s, row } = shipment('returned', now - 3 * DAY);
        await write(ships, row);
        const fee = 12000 + Math.floor(rnd() * 10) * 1000;
        line = csvLine(s.tracking, rnd() < c.ourId ? s.id : '', 0, 0, 0, fee);
        addOutcome('matched', 0, 0, -fee);
        exp.fees += fee;
      } else if (r < 0.018) {
        const { s, row } = shipment('delivered', now - 5 * DAY, earlier);
        await write(ships, row);
        const codFee = Math.round(s.cod * 0.008);
        line = csvLine(s.tracking, rnd() < c.ourId ? s.id : '', s.cod, s.shipping, codFee, 0);
        addOutcome('duplicate', s.cod, 0, s.cod - s.shipping - codFee);
        exp.receivableLeft += s.cod; // its earlier remittance is not part of this seed
        exp.pendingLeft += s.share;
      } else {
        const { s, row } = shipment('delivered', now - DAY - Math.floor(rnd() * DAY));
        await write(ships, row);
        const k = rnd();
        const cod =
          k < 0.0103 ? s.cod - 1000 * (1 + Math.floor(rnd() * 50)) : k < 0.0155 ? s.cod + 1000 * (1 + Math.floor(rnd() * 20)) : s.cod;
        const outcome = cod === s.cod ? 'matched' : cod < s.cod ? 'short' : 'over';
        const codFee = Math.round(cod * 0.008);
        line = csvLine(s.tracking, rnd() < c.ourId ? s.id : '', cod, s.shipping, codFee, 0);
        addOutcome(outcome, cod, s.cod, cod - s.shipping - codFee);
        exp.fees += s.shipping + codFee;
        if (outcome === 'short') exp.pendingLeft += s.share;
        else exp.released += s.share;
        if (rnd() < 0.0041) {
          const at = i + 1 + Math.floor(rnd() * 30000);
          later.set(at, [...(later.get(at) ?? []), { line, cod, net: cod - s.shipping - codFee }]);
        }
      }
      await write(out, line);
      written += 1;
    }
    // Delivered, never remitted: the statement should have had them.
    for (let m = 0; m < Math.round(n * 0.004); m++) {
      const age = 4 + Math.floor(rnd() * 42); // 4–45 days
      const { s, row } = shipment('delivered', now - age * DAY - DAY / 2);
      await write(ships, row);
      const bucket = age <= 7 ? '3-7' : age <= 14 ? '8-14' : age <= 30 ? '15-30' : '31+';
      exp.missing.count += 1;
      exp.missing.codVnd += s.cod;
      exp.missing.buckets[bucket] = exp.missing.buckets[bucket] ?? { count: 0, codVnd: 0 };
      exp.missing.buckets[bucket].count += 1;
      exp.missing.buckets[bucket].codVnd += s.cod;
      exp.receivableLeft += s.cod;
      exp.pendingLeft += s.share;
    }
    await new Promise((r) => out.end(r));
    const netLines = Object.values(outcomes).reduce((t, o) => t + o.netRemittedVnd, 0);
    statements.push({
      carrier: c.code,
      file,
      bytes: fs.statSync(file).size,
      lines: n,
      batchId: `TET-${c.code}-${new Date(now).toISOString().slice(0, 10)}`,
      bankTransferRef: `FT${crypto.createHash('sha1').update(c.code).digest('hex').slice(0, 12).toUpperCase()}`,
      netLines,
      transferred: netLines - c.transferShortVnd,
      outcomes,
      exp,
    });
  }
  await new Promise((r) => ships.end(r));
  return { statements, shipmentsFile, totals };
}

module.exports = { CARRIERS, generate };
