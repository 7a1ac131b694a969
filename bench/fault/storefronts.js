'use strict';
// Storefronts of the fault-survival run: each order placed once, with an Idempotency-Key retried
// until answered, as real clients do; some cancelled by the buyer soon after.
const { prng, sleep } = require('../lib/common');
const { request, untilAnswered } = require('../lib/rest');

function basket(rnd, m, i, o) {
  const weight = (p) => (p.scarce ? 0.15 : 1);
  const total = m.products.reduce((t, p) => t + weight(p), 0);
  const chosen = new Map();
  const lines = rnd.int(1, 3);
  for (let k = 0; k < lines; k++) {
    let x = rnd() * total;
    const p = m.products.find((q) => (x -= weight(q)) < 0) ?? m.products[0];
    chosen.set(p.id, (chosen.get(p.id) ?? 0) + rnd.int(1, 3));
  }
  const province = rnd.pick(['79', '01', '48', '92']);
  const key = `fault-${o.seed}-${i}`;
  return {
    key,
    body: {
      buyer: { name: `Khách hàng ${i}`, phone: `09${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}` },
      address: { provinceCode: province, wardCode: m.wardsOf(province)[rnd.int(0, 3)].code, line: `${i} Đường Lê Lợi` },
      items: [...chosen].map(([productId, quantity]) => ({ productId, quantity })),
      paymentMethod: 'cod',
      carrierCode: rnd() < 0.6 ? 'VNPOST' : 'VTP',
      note: `ref ${key}`,
    },
  };
}

/**
 * `bases`: the gateways' URLs. Each order's attempts go to them in turn, starting from a different
 * one per order; a refused connection (a gateway down) is sent to the next at once, as a client
 * that knows several gateways (or a load balancer) does. Every placement's answer time and
 * latency (first attempt to 201) is kept for the fault windows' figures.
 */
async function placeOrders(bases, m, progress, o) {
  const placed = []; // { at, ms }: each 201, when it came and how long since the first attempt
  const outcomes = new Map();
  const cancels = new Map();
  const retries = new Map();
  const cancelling = new Set();
  let next = 0;
  const start = Date.now();
  const placeOne = async (i) => {
    const rnd = prng(o.seed * 1_000_003 + i);
    const { key, body } = basket(rnd, m, i, o);
    const storefront = m.storefronts[i % m.storefronts.length];
    let inProgressSince;
    const began = Date.now();
    const r = await untilAnswered(
      (attempt) =>
        request(bases[(i + attempt) % bases.length], 'POST', '/v1/orders', {
          key: storefront,
          body,
          headers: { 'Idempotency-Key': key },
          timeoutMs: 30_000,
        }),
      {
        tally: retries,
        failover: bases.length > 1,
        giveUpMs: 10 * 60_000,
        // "Still being processed": worth retrying while the first attempt could still be running.
        retryAlso: (a) => {
          if (a.status !== 409 || a.body?.code !== 'idempotency_in_progress') return false;
          inProgressSince ??= Date.now();
          return Date.now() - inProgressSince < o.inProgressGiveUpS * 1000;
        },
      },
    );
    const a = r.answer;
    if (a?.status === 201) placed.push({ at: Date.now(), ms: Date.now() - began });
    const stuck = a?.status === 409 && a.body?.code === 'idempotency_in_progress';
    outcomes.set(key, {
      status: a?.status,
      code: a?.body?.code,
      orderId: a?.status === 201 ? a.body.id : undefined,
      attempts: r.attempts,
      gaveUp: r.gaveUp || stuck,
      lastFailure: stuck ? `409 idempotency_in_progress for ${o.inProgressGiveUpS} s` : r.lastFailure,
    });
    progress.answered++;
    if (a?.status === 201 && rnd() < o.cancelShare) {
      const delay = rnd.between(0, 3000);
      const p = (async () => {
        await sleep(delay);
        const c = await untilAnswered(
          (attempt) =>
            request(bases[(i + attempt) % bases.length], 'POST', `/v1/orders/${a.body.id}/cancel`, {
              key: storefront,
              body: { reason: 'Khách đổi ý' },
            }),
          {
            tally: retries,
            failover: bases.length > 1,
            giveUpMs: 5 * 60_000,
          },
        );
        const label = c.gaveUp
          ? 'no answer'
          : c.answer.status === 200
            ? 'cancelled'
            : `${c.answer.status} ${c.answer.body?.code ?? ''}`.trim();
        cancels.set(label, (cancels.get(label) ?? 0) + 1);
      })();
      cancelling.add(p);
      void p.finally(() => cancelling.delete(p));
    }
  };
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= o.orders) return;
      const due = start + (i * 1000) / o.rate;
      if (due > Date.now()) await sleep(due - Date.now());
      await placeOne(i);
    }
  };
  await Promise.all(Array.from({ length: o.clients }, client));
  await Promise.all([...cancelling]);
  return { outcomes, cancels, retries, placed, seconds: (Date.now() - start) / 1000 };
}

module.exports = { placeOrders };
