'use strict';
// A marketplace to load, made through the public REST API only: keys, farm households with
// products (some linked to a traced lot, some scarce), storefronts and postal carriers.
const path = require('node:path');
const { request, untilAnswered } = require('./rest');
const { sleep } = require('./common');

const PROVINCES = ['24', '66', '92', '01', '79', '48']; // Bắc Ninh, Đắk Lắk, Cần Thơ, Hà Nội, TP.HCM, Đà Nẵng
const PRODUCE = [
  ['Vải thiều Lục Ngạn', 'vai-nhan-chom-chom', 'kg', 65000, 1000],
  ['Cà phê Robusta rang mộc', 'ca-phe-rang-xay', 'kg', 180000, 1000],
  ['Gạo ST25 túi 5 kg', 'gao-dac-san', 'túi', 200000, 5000],
  ['Mật ong hoa nhãn', 'mat-ong', 'chai', 150000, 700],
];

function contracts(distDir) {
  return require(path.join(distDir, 'libs/contracts/src'));
}

/** POSTs until a non-5xx answer and expects `expected`; fixtures are made before any fault. */
async function create(base, p, key, body, expected = 201, headers = {}) {
  const { answer, gaveUp, lastFailure } = await untilAnswered(() => request(base, 'POST', p, { key, body, headers }), { giveUpMs: 60_000 });
  if (gaveUp) throw new Error(`POST ${p}: no answer (${lastFailure})`);
  if (answer.status !== expected) throw new Error(`POST ${p}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * @param {{ base: string, adminKey: string, distDir: string, sellers?: number, productsPerSeller?: number,
 *   plentifulStock?: number, scarceStock?: number, scarceEvery?: number, storefronts?: number, lots?: number,
 *   webhookSecrets: Record<string, string> }} o
 */
async function buildMarketplace(o) {
  const { wardsOf } = contracts(o.distDir);
  const sellersN = o.sellers ?? 6;
  const perSeller = o.productsPerSeller ?? 4;
  const issue = (body) => create(o.base, '/v1/admin/api-keys', o.adminKey, { rateLimitPerMinute: 100_000, ...body });
  const partner = (await issue({ role: 'partner', name: 'HTX số (tải thử)' })).key;
  const storefronts = [];
  for (let i = 0; i < (o.storefronts ?? 4); i++) storefronts.push((await issue({ role: 'storefront', name: `Chợ quê ${i + 1}` })).key);
  const carriers = {
    VNPOST: (await issue({ role: 'carrier', name: 'Vietnam Post', carrierCode: 'VNPOST' })).key,
    VTP: (await issue({ role: 'carrier', name: 'Viettel Post', carrierCode: 'VTP' })).key,
  };

  const sellers = [];
  for (let s = 0; s < sellersN; s++) {
    const provinceCode = PROVINCES[s % PROVINCES.length];
    const seller = await create(o.base, '/v1/sellers', partner, {
      name: `Hộ sản xuất ${s + 1} – ${provinceCode}`,
      kind: s % 3 === 0 ? 'cooperative' : 'household',
      phone: `09123456${String(s).padStart(2, '0')}`,
      address: { provinceCode, wardCode: wardsOf(provinceCode)[0].code, line: `Thôn ${s + 1}` },
      // Parcels go to the carrier at once: the runs measure the pipeline, not a seller's answer.
      orderAcceptance: 'auto',
    });
    sellers.push({ id: seller.id, provinceCode });
  }

  // A traced lot for the first sellers: its products' parcels are written into the lot's chain.
  const lots = [];
  for (let s = 0; s < Math.min(o.lots ?? 2, sellers.length); s++) {
    let lot;
    for (let tries = 0; !lot; tries++) {
      const r = await untilAnswered(
        () => request(o.base, 'POST', '/v1/lots', { key: partner, body: { sellerId: sellers[s].id, productName: PRODUCE[s % 4][0] } }),
        { giveUpMs: 60_000 },
      );
      if (r.answer?.status === 201) lot = r.answer.body;
      else if (tries > 100) throw new Error(`lot: ${r.answer?.status} ${JSON.stringify(r.answer?.body)}`);
      else await sleep(300); // the seller reaches traceability over Kafka
    }
    const day = (d) => new Date(Date.now() - d * 86_400_000).toISOString();
    for (const [kind, d, extra] of [
      ['planting', 120, {}],
      ['harvesting', 10, { quantity: 5000 }],
      ['packing', 9, {}],
    ]) {
      await create(o.base, `/v1/lots/${lot.id}/events`, partner, { kind, occurredAt: day(d), recordedBy: 'Nông hộ', ...extra });
    }
    lots.push({ id: lot.id, sellerId: sellers[s].id, diaryEvents: 3 });
  }

  const products = [];
  for (const [s, seller] of sellers.entries()) {
    for (let i = 0; i < perSeller; i++) {
      const [name, categoryId, unit, priceVnd, weightGrams] = PRODUCE[(s + i) % PRODUCE.length];
      const scarce = o.scarceEvery && (s * perSeller + i) % o.scarceEvery === o.scarceEvery - 1;
      const stock = scarce ? (o.scarceStock ?? 40) : (o.plentifulStock ?? 1_000_000);
      const lot = lots.find((l) => l.sellerId === seller.id && i % 2 === 0);
      const p = await create(o.base, '/v1/products', partner, {
        sellerId: seller.id,
        name: `${name} – lô ${s + 1}.${i + 1}`,
        categoryId,
        unit,
        priceVnd: priceVnd + i * 1000,
        stock,
        weightGrams,
        ...(lot ? { lotId: lot.id } : {}),
      });
      products.push({ id: p.id, sellerId: seller.id, initialStock: stock, scarce: Boolean(scarce), lotId: lot?.id ?? null });
    }
  }

  const address = { provinceCode: '79', wardCode: wardsOf('79')[0].code, line: '12 Nguyễn Huệ' };
  // The orders service learns products over Kafka: quotes succeed once it knows every one.
  for (let tries = 0; ; tries++) {
    const q = await request(o.base, 'POST', '/v1/shipping/quotes', {
      key: storefronts[0],
      body: { items: products.map((p) => ({ productId: p.id, quantity: 1 })), address },
    }).catch(() => ({ status: 0 }));
    if (q.status === 200) break;
    if (tries > 300) throw new Error(`products never became orderable: ${q.status} ${JSON.stringify(q.body)}`);
    await sleep(200);
  }
  return { partner, storefronts, carriers, sellers, products, lots, address, webhookSecrets: o.webhookSecrets, wardsOf };
}

module.exports = { buildMarketplace };
