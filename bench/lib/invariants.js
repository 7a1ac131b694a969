'use strict';
// What must hold once the marketplace is quiet, however often its processes died: read from the
// services' databases (read-only connections), the broker and the public API. Each check returns
// { name, ok, summary, details[] }; `details` name the offending rows so a failure can be followed up.
const { readOnlyClient, listDatabases } = require('./common');
const { kafkaOf, withAdmin, deadLetters, readWholeTopic } = require('./kafka');
const { request } = require('./rest');

/** Sub-order statuses in which the catalog holds the sub-order's stock (ADR 0051). */
const HOLDING = ['reserved', 'awaiting_seller', 'accepted'];

const SAMPLE = 8;
const check = (name, problems, summary, extra = []) => ({
  name,
  ok: problems.length === 0,
  summary,
  details: [...problems.slice(0, SAMPLE * 3), ...extra],
});
const countBy = (rows, key) => rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map());
const mapText = (m) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

async function query(serverUrl, database, sql, params = []) {
  const c = await readOnlyClient(serverUrl, database);
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Everything the checks compare, read once the system is quiet. */
async function readState(serverUrl, prefix) {
  const db = (s) => `${prefix}_${s}`;
  const [orders, subOrders, shipments] = await Promise.all([
    query(serverUrl, db('orders'), `SELECT id, status, reason, note, placed_at FROM orders`),
    query(serverUrl, db('orders'), `SELECT id, order_id, seller_id, status, items, shipment_id FROM sub_orders`),
    query(
      serverUrl,
      db('orders'),
      `SELECT id, order_id, sub_order_id, carrier_code, status, cod_vnd::bigint::float8 AS cod_vnd, cod_collected_vnd::float8 AS cod_collected_vnd FROM shipments`,
    ),
  ]);
  const [products, reservations, catalogInbox] = await Promise.all([
    query(serverUrl, db('catalog'), `SELECT id, stock FROM products`),
    query(serverUrl, db('catalog'), `SELECT sub_order_id, order_id, status, lines FROM stock_reservations`),
    query(serverUrl, db('catalog'), `SELECT consumer, event_id, event_type FROM inbox WHERE event_type = 'orders.order.placed.v1'`),
  ]);
  const [postings, settled, placed, accounts, totals] = await Promise.all([
    query(
      serverUrl,
      db('settlement'),
      `SELECT p.id, p.kind, count(e.id)::int AS entries,
              coalesce(sum(e.debit_vnd) FILTER (WHERE e.account_code LIKE 'carrier:%:receivable'), 0)::float8 AS receivable_debit
         FROM ledger_postings p LEFT JOIN ledger_entries e ON e.posting_id = p.id
        WHERE p.kind IN ('delivery', 'delivery_reversal') GROUP BY p.id, p.kind`,
    ),
    query(serverUrl, db('settlement'), `SELECT shipment_id, status, cod_vnd::float8 AS cod_vnd FROM settled_shipments`),
    query(serverUrl, db('settlement'), `SELECT order_id FROM placed_orders`),
    query(
      serverUrl,
      db('settlement'),
      `SELECT a.code, a.debits_vnd::float8 AS debits, a.credits_vnd::float8 AS credits,
              coalesce(e.d, 0)::float8 AS entry_debits, coalesce(e.c, 0)::float8 AS entry_credits
         FROM ledger_accounts a
         LEFT JOIN (SELECT account_code, sum(debit_vnd) d, sum(credit_vnd) c FROM ledger_entries GROUP BY account_code) e ON e.account_code = a.code`,
    ),
    query(
      serverUrl,
      db('settlement'),
      `SELECT coalesce(sum(debit_vnd), 0)::text AS debits, coalesce(sum(credit_vnd), 0)::text AS credits, count(*)::int AS n FROM ledger_entries`,
    ),
  ]);
  const lotEvents = await query(serverUrl, db('traceability'), `SELECT lot_id, kind, source, source_ref FROM lot_events`);
  const idempotencyInProgress = await query(
    serverUrl,
    db('gateway'),
    `SELECT idempotency_key, created_at, expires_at FROM idempotency_records WHERE state = 'in_progress'`,
  ).catch(() => []);
  return {
    idempotencyInProgress,
    orders,
    subOrders,
    shipments,
    products,
    reservations,
    catalogInbox,
    postings,
    settled,
    placed,
    accounts,
    totals: totals[0],
    lotEvents,
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Every order in one final or legitimately waiting state, and its parts agreeing with it.
 * @param {{ pendingTimeoutMs: number, waitingAllowed?: string[] }} o  `waitingAllowed`: states that may remain (e.g. delivered before the return window)
 */

function orderStates(state, o) {
  const final = new Set(['completed', 'returned', 'rejected', 'cancelled', ...(o.waitingAllowed ?? [])]);
  const byOrder = (rows) => rows.reduce((m, r) => m.set(r.order_id, [...(m.get(r.order_id) ?? []), r]), new Map());
  const subs = byOrder(state.subOrders);
  const ships = byOrder(state.shipments);
  const problems = [];
  const now = Date.now();
  for (const order of state.orders) {
    const sub = subs.get(order.id) ?? [];
    const sh = (ships.get(order.id) ?? []).filter((s) => s.status !== 'cancelled');
    const why = [];
    if (!final.has(order.status)) {
      const age = now - new Date(order.placed_at).getTime();
      if (order.status === 'pending') why.push(`pending for ${Math.round(age / 1000)} s (timeout ${o.pendingTimeoutMs / 1000} s)`);
      else why.push(`still ${order.status}; shipments ${sh.map((s) => s.status).join('/') || 'none'}`);
    }
    if (sub.length === 0) why.push('has no sub-orders');
    if (['rejected', 'cancelled'].includes(order.status) && sub.some((s) => HOLDING.includes(s.status)))
      why.push('holds a reserved sub-order');
    if (order.status === 'rejected' && sh.length > 0) why.push(`rejected with ${sh.length} live shipments`);
    if (order.status === 'cancelled' && sh.length > 0) why.push(`cancelled with shipments ${sh.map((s) => s.status).join('/')}`);
    if (['confirmed', 'shipping', 'delivered', 'completed', 'returned'].includes(order.status)) {
      if (sub.some((s) => !s.shipment_id)) why.push('a confirmed sub-order has no shipment');
      if (sh.length !== sub.length) why.push(`${sub.length} sub-orders but ${sh.length} shipments`);
    }
    if (
      ['delivered', 'completed'].includes(order.status) &&
      !(sh.some((s) => s.status === 'delivered') && sh.every((s) => ['delivered', 'returned'].includes(s.status)))
    )
      why.push(`${order.status} with shipments ${sh.map((s) => s.status).join('/')}`);
    if (order.status === 'returned' && !sh.every((s) => s.status === 'returned'))
      why.push(`returned with shipments ${sh.map((s) => s.status).join('/')}`);
    if (why.length > 0) problems.push(`order ${order.id}: ${why.join('; ')}`);
  }
  const states = countBy(state.orders, (r) => r.status);
  const reasons = countBy(
    state.orders.filter((r) => r.status === 'rejected'),
    (r) => (r.reason ?? '').replace(/: .*/, ''),
  );
  const subStates = countBy(state.subOrders, (r) => r.status);
  const shipStates = countBy(state.shipments, (r) => r.status);
  return check(
    'orders: each in one final or legitimately waiting state, consistent with its parts',
    problems,
    `${state.orders.length} orders: ${mapText(states)}`,
    [`rejections by reason: ${mapText(reasons)}`, `sub-orders: ${mapText(subStates)}`, `shipments: ${mapText(shipStates)}`],
  );
}

/**
 * The catalog reserves a sub-order by taking its quantities off `products.stock` and recording
 * a `reserved` reservation; a release gives them back. So for each product:
 * initial stock = current stock + Σ reserved reservations (catalog's own books), and the
 * reserved set is exactly the sub-orders the orders service still counts as holding stock
 * (`reserved`, `awaiting_seller` or `accepted`: confirmed, shipping, delivered, completed, not returned).
 */
function stock(state, products) {
  const problems = [];
  const initial = new Map(products.map((p) => [p.id, p.initialStock]));
  const current = new Map(state.products.map((p) => [p.id, Number(p.stock)]));
  const heldByCatalog = new Map();
  for (const r of state.reservations.filter((x) => x.status === 'reserved'))
    for (const l of r.lines) heldByCatalog.set(l.productId, (heldByCatalog.get(l.productId) ?? 0) + l.quantity);
  const heldByOrders = new Map();
  for (const s of state.subOrders.filter((x) => HOLDING.includes(x.status)))
    for (const l of s.items) heldByOrders.set(l.productId, (heldByOrders.get(l.productId) ?? 0) + l.quantity);
  let sold = 0;
  for (const [id, init] of initial) {
    const now = current.get(id);
    if (now === undefined) {
      problems.push(`product ${id} missing from the catalog`);
      continue;
    }
    if (now < 0) problems.push(`product ${id}: stock ${now} below zero`);
    const c = heldByCatalog.get(id) ?? 0;
    const h = heldByOrders.get(id) ?? 0;
    if (init !== now + c)
      problems.push(
        `product ${id}: initial ${init} ≠ stock ${now} + reserved in catalog ${c} (${init - now - c > 0 ? 'leaked' : 'created'} ${Math.abs(init - now - c)})`,
      );
    if (init !== now + h) problems.push(`product ${id}: initial ${init} ≠ stock ${now} + held by live orders ${h}`);
    sold += c;
  }
  const reservedInCatalog = new Set(state.reservations.filter((r) => r.status === 'reserved').map((r) => r.sub_order_id));
  const reservedInOrders = new Set(state.subOrders.filter((s) => HOLDING.includes(s.status)).map((s) => s.id));
  for (const id of reservedInCatalog)
    if (!reservedInOrders.has(id)) problems.push(`sub-order ${id}: reserved in the catalog, not held by its order`);
  for (const id of reservedInOrders)
    if (!reservedInCatalog.has(id)) problems.push(`sub-order ${id}: held by its order, not reserved in the catalog`);
  const scarce = products.filter((p) => p.scarce).map((p) => `${current.get(p.id)}/${p.initialStock}`);
  return check(
    'stock: nothing negative, nothing leaked — initial = current + held by live orders, per product',
    problems,
    `${initial.size} products; ${sold} units held or sold; reservations ${mapText(countBy(state.reservations, (r) => r.status))}`,
    [`scarce products (left/initial): ${scarce.join(', ') || 'none'}`],
  );
}

/** Every delivered COD shipment posted once in settlement's ledger, nothing else posted for deliveries. */
function ledger(state) {
  const problems = [];
  const delivered = state.shipments.filter((s) => s.status === 'delivered' && (s.cod_collected_vnd ?? s.cod_vnd) > 0);
  const postings = new Map(state.postings.filter((p) => p.kind === 'delivery').map((p) => [p.id, p]));
  const settled = new Map(state.settled.map((s) => [s.shipment_id, s]));
  for (const s of delivered) {
    const p = postings.get(`delivery:${s.id}`);
    const cod = s.cod_collected_vnd ?? s.cod_vnd;
    if (!p) problems.push(`shipment ${s.id} delivered (COD ${cod}) but not in the ledger`);
    else if (p.receivable_debit !== cod) problems.push(`shipment ${s.id}: carrier receivable debited ${p.receivable_debit}, COD ${cod}`);
    if (settled.get(s.id)?.status !== 'delivered')
      problems.push(`shipment ${s.id} delivered but settlement has it as ${settled.get(s.id)?.status ?? 'unknown'}`);
    postings.delete(`delivery:${s.id}`);
  }
  for (const id of postings.keys()) problems.push(`${id} posted for a shipment that is not delivered`);
  const reversals = state.postings.filter((p) => p.kind === 'delivery_reversal');
  for (const r of reversals) problems.push(`${r.id}: a delivery reversed, though no shipment can be returned after delivery`);
  const returned = state.shipments.filter((s) => s.status === 'returned');
  for (const s of returned)
    if (settled.get(s.id) && settled.get(s.id).status !== 'returned')
      problems.push(`shipment ${s.id} returned, settlement has ${settled.get(s.id).status}`);
  const codSum = delivered.reduce((t, s) => t + (s.cod_collected_vnd ?? s.cod_vnd), 0);
  return check(
    'ledger: every delivered COD shipment posted exactly once (settlement database)',
    problems,
    `${delivered.length} delivered COD shipments, ${state.postings.filter((p) => p.kind === 'delivery').length} delivery postings, COD ${codSum.toLocaleString('en-US')} đ`,
  );
}

/** Debits = credits over all entries, and each account's running totals agree with its entries; the API says the same. */
async function trialBalance(state, base, adminKey) {
  const problems = [];
  const d = BigInt(state.totals.debits);
  const c = BigInt(state.totals.credits);
  if (d !== c) problems.push(`entries: debits ${d} ≠ credits ${c} (difference ${d - c})`);
  for (const a of state.accounts)
    if (a.debits !== a.entry_debits || a.credits !== a.entry_credits)
      problems.push(`account ${a.code}: totals ${a.debits}/${a.credits} ≠ its entries ${a.entry_debits}/${a.entry_credits}`);
  const tb = await request(base, 'GET', '/v1/admin/ledger/trial-balance', { key: adminKey }).catch((e) => ({ status: 0, body: e.message }));
  if (tb.status !== 200) problems.push(`GET /v1/admin/ledger/trial-balance: ${tb.status} ${JSON.stringify(tb.body)}`);
  else {
    if (!tb.body.balanced || tb.body.totalDebitsVnd !== tb.body.totalCreditsVnd)
      problems.push(`the API's trial balance is not balanced: ${tb.body.totalDebitsVnd} / ${tb.body.totalCreditsVnd}`);
    if (String(tb.body.totalDebitsVnd) !== String(d))
      problems.push(`the API reports debits ${tb.body.totalDebitsVnd}, the entries sum to ${d}`);
  }
  return check(
    'trial balance: zero',
    problems,
    `${state.totals.n} entries; debits ${d.toLocaleString('en-US')} đ − credits ${c.toLocaleString('en-US')} đ = ${(d - c).toString()}`,
  );
}

/** No outbox row unsent in any of the run's databases. */
async function outboxes(serverUrl, prefix) {
  const problems = [];
  const lines = [];
  for (const database of await listDatabases(serverUrl, prefix)) {
    const has = await query(serverUrl, database, `SELECT to_regclass('public.outbox') IS NOT NULL AS has`);
    if (!has[0].has) {
      lines.push(`${database}: no outbox table`);
      continue;
    }
    const [r] = await query(
      serverUrl,
      database,
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE published_at IS NULL)::int AS unsent, coalesce(max(attempts), 0)::int AS max_attempts FROM outbox`,
    );
    lines.push(`${database}: ${r.total} rows, ${r.unsent} unsent, most attempts ${r.max_attempts}`);
    if (r.unsent > 0) problems.push(`${database}: ${r.unsent} outbox rows unsent`);
  }
  return check('outbox: nothing left unsent in any database', problems, lines.join('; '));
}

async function dlq(brokers) {
  const { topics, messages } = await deadLetters(kafkaOf(brokers));
  const problems = messages.map(
    (m) => `${m.topic}: ${m.type} from ${m.original} (group ${m.consumerGroup}): ${m.reason} — ${(m.error ?? '').slice(0, 300)}`,
  );
  return check('dead letters: no message in any .dlq topic', problems, `${topics.length} .dlq topics, ${messages.length} messages`);
}

/**
 * One shipment request per confirmed sub-order on `fulfilment.shipments`: every request names a
 * shipment the orders service has, every shipment was requested, no sub-order requested twice
 * under different event ids (a redelivered copy of the same event is at-least-once, counted apart).
 */
async function shipmentRequests(state, brokers) {
  const messages = await readWholeTopic(kafkaOf(brokers), 'fulfilment.shipments');
  const shipments = new Map(state.shipments.map((s) => [s.id, s]));
  const events = new Map(); // sub-order → Set(event id)
  const copies = new Map(); // event id → count
  const problems = [];
  let cancelled = 0;
  for (const m of messages) {
    const e = JSON.parse(m.value.toString());
    if (e.type === 'fulfilment.shipment.cancelled.v1') {
      cancelled++;
      continue;
    }
    if (e.type !== 'fulfilment.shipment.requested.v1') continue;
    copies.set(e.id, (copies.get(e.id) ?? 0) + 1);
    const s = shipments.get(e.data.shipmentId);
    if (!s) {
      problems.push(`request ${e.id} names shipment ${e.data.shipmentId}, which the orders service does not have`);
      continue;
    }
    events.set(s.sub_order_id, (events.get(s.sub_order_id) ?? new Set()).add(e.id));
  }
  for (const [sub, ids] of events)
    if (ids.size > 1) problems.push(`sub-order ${sub}: ${ids.size} shipment requests (${[...ids].join(', ')})`);
  for (const s of state.shipments)
    if (!events.has(s.sub_order_id)) problems.push(`shipment ${s.id} (sub-order ${s.sub_order_id}) never requested on the topic`);
  const redelivered = [...copies.values()].filter((n) => n > 1).length;
  const cancelledInDb = state.shipments.filter((s) => s.status === 'cancelled').length;
  if (cancelled < cancelledInDb) problems.push(`${cancelledInDb} shipments cancelled, only ${cancelled} cancellation messages`);
  return check(
    'shipment requests: exactly one per confirmed sub-order',
    problems,
    `${messages.length} messages on fulfilment.shipments: ${copies.size} requests for ${state.shipments.length} shipments (${redelivered} events delivered more than once), ${cancelled} cancellations`,
  );
}

/**
 * Every order placement reached the catalog and settlement once: one inbox row per placed event
 * across the catalog's consumers (no second instance or retry applied it again), and settlement
 * recorded each order once.
 */
function placementsApplied(state) {
  const problems = [];
  const orderIds = new Set(state.orders.map((o) => o.id));
  const perEvent = countBy(state.catalogInbox, (r) => r.event_id);
  for (const [id, n] of perEvent)
    if (n > 1)
      problems.push(
        `catalog applied placement event ${id} ${n} times (consumers: ${state.catalogInbox
          .filter((r) => r.event_id === id)
          .map((r) => r.consumer)
          .join(', ')})`,
      );
  if (perEvent.size !== orderIds.size) problems.push(`catalog inbox has ${perEvent.size} placement events for ${orderIds.size} orders`);
  // The catalog answers every sub-order (a release that came first leaves a tombstone), and both sides agree on the answer.
  const answers = new Map(state.reservations.map((r) => [r.sub_order_id, r.status]));
  const agree = {
    reserved: ['reserved'],
    awaiting_seller: ['reserved'],
    accepted: ['reserved'],
    rejected: ['rejected'],
    released: ['released', 'rejected'],
    declined: ['released'],
    expired: ['released'],
    pending: [],
  };
  for (const s of state.subOrders) {
    const a = answers.get(s.id);
    if (!a) problems.push(`sub-order ${s.id} (${s.status}): the catalog has no reservation for it`);
    else if (!(agree[s.status] ?? []).includes(a)) problems.push(`sub-order ${s.id}: ${s.status} in orders, ${a} in the catalog`);
  }
  const placed = new Set(state.placed.map((p) => p.order_id));
  for (const id of orderIds) if (!placed.has(id)) problems.push(`order ${id}: not in settlement's placed orders`);
  if (placed.size !== orderIds.size) problems.push(`settlement has ${placed.size} placed orders, orders has ${orderIds.size}`);
  return check(
    'placements: each applied exactly once by the catalog and by settlement (inbox rows unique per event)',
    problems,
    `${orderIds.size} orders; catalog inbox ${state.catalogInbox.length} rows for ${perEvent.size} placement events; settlement ${placed.size} placed orders`,
  );
}

/**
 * Clients' idempotency keys: each key made at most one order (the key is in the order's note),
 * every order a client was told about exists, every request got an answer in the end.
 * @param {Map<string, { status?: number, orderId?: string, gaveUp?: boolean, lastFailure?: string }>} outcomes  key → what the client got
 */
function idempotency(state, outcomes) {
  const problems = [];
  const byKey = new Map();
  for (const o of state.orders) {
    const key = /^ref (\S+)/.exec(o.note ?? '')?.[1];
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), o.id]);
  }
  for (const [key, ids] of byKey)
    if (ids.length > 1)
      problems.push(
        `Idempotency-Key ${key}: ${ids.length} orders (${ids.join(', ')}); the client was given ${outcomes.get(key)?.orderId ?? 'none'}`,
      );
  const ids = new Set(state.orders.map((o) => o.id));
  let unanswered = 0;
  let orphans = 0;
  for (const [key, r] of outcomes) {
    if (r.orderId && !ids.has(r.orderId))
      problems.push(`Idempotency-Key ${key}: the client was given order ${r.orderId}, which does not exist`);
    if (r.gaveUp) {
      unanswered++;
      const held = state.idempotencyInProgress.find((x) => x.idempotency_key === key);
      problems.push(
        `Idempotency-Key ${key}: no answer after retrying (last: ${r.lastFailure}); orders made with it: ${(byKey.get(key) ?? []).join(', ') || 'none'}` +
          (held
            ? `; the gateway's record is in_progress since ${new Date(held.created_at).toISOString()}, kept until ${new Date(held.expires_at).toISOString()}`
            : ''),
      );
    } else if (r.status !== 201 && !byKey.has(key)) {
      problems.push(`Idempotency-Key ${key}: a valid order refused: ${r.status} ${r.code ?? ''}`);
    } else if (r.status !== 201 && byKey.has(key)) {
      orphans++;
      problems.push(`Idempotency-Key ${key}: answered ${r.status}, yet order ${byKey.get(key).join(', ')} was made with it`);
    }
  }
  const statuses = countBy([...outcomes.values()], (r) => (r.gaveUp ? 'no answer' : String(r.status)));
  return check(
    'idempotency: one order per Idempotency-Key, every request answered (201)',
    problems,
    `${outcomes.size} keys: answers ${mapText(statuses)}; ${[...byKey.values()].filter((v) => v.length > 1).length} keys with more than one order; ${unanswered} unanswered; ${orphans} with an order behind a failure answer`,
  );
}

/**
 * Traced lots: the chain verifies, and it holds one shipping entry per parcel of the lot that was
 * picked up, one receiving per delivery and one returned per return — no more, no fewer.
 */
async function lots(state, lotsMade, base, key) {
  const problems = [];
  const lines = [];
  const status = new Map(state.shipments.map((s) => [s.sub_order_id, s.status]));
  for (const lot of lotsMade) {
    const expected = { shipping: 0, receiving: 0, returned: 0 };
    for (const sub of state.subOrders) {
      if (!sub.items.some((l) => l.lotId === lot.id)) continue;
      const st = status.get(sub.id);
      if (!st || st === 'requested' || st === 'cancelled') continue;
      expected.shipping++;
      if (st === 'delivered') expected.receiving++;
      if (st === 'returned') expected.returned++;
    }
    const rows = state.lotEvents.filter((e) => e.lot_id === lot.id && e.source === 'shipment');
    const got = { shipping: 0, receiving: 0, returned: 0 };
    for (const r of rows) got[r.kind] = (got[r.kind] ?? 0) + 1;
    for (const k of Object.keys(expected))
      if (got[k] !== expected[k]) problems.push(`lot ${lot.id}: ${got[k]} ${k} entries, ${expected[k]} parcels`);
    const v = await request(base, 'GET', `/v1/lots/${lot.id}/verify`, { key }).catch((e) => ({ status: 0, body: e.message }));
    if (v.status !== 200 || !v.body.intact)
      problems.push(`lot ${lot.id}: verify answered ${v.status} ${JSON.stringify(v.body).slice(0, 300)}`);
    lines.push(
      `lot …${lot.id.slice(-8)}: ${v.body?.eventCount ?? '?'} events, intact ${v.body?.intact}, shipping/receiving/returned ${got.shipping}/${got.receiving}/${got.returned}`,
    );
  }
  return check('traceability: lot chains intact, one entry per parcel step', problems, lines.join('; '));
}

function print(results) {
  console.log('\n=== invariants ===');
  for (const r of results) {
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}\n      ${r.summary}`);
    const extra = r.details.slice(0, r.ok ? undefined : SAMPLE * 3);
    for (const d of extra) console.log(`      - ${d}`);
    if (!r.ok && r.details.length > SAMPLE * 3) console.log(`      … and more`);
  }
  const failed = results.filter((r) => !r.ok);
  console.log(
    failed.length === 0 ? `\nall ${results.length} invariants hold` : `\n${failed.length} of ${results.length} invariants FAILED`,
  );
  return failed.length === 0;
}

module.exports = {
  readState,
  orderStates,
  stock,
  ledger,
  trialBalance,
  outboxes,
  dlq,
  shipmentRequests,
  placementsApplied,
  idempotency,
  lots,
  print,
  withAdmin,
};
