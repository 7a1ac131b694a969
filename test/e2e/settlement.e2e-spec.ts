import { v7 as uuidv7 } from 'uuid';
import { ShipmentDeliveredV1, ShipmentReturnedV1, Topics, wardsOf } from '@app/contracts';
import { newEvent } from '@app/messaging';
import { Api, expectProblem } from '../support/api';
import { aShipmentFacts } from '../support/factories';
import { eventually, readTopic, testKafka } from '../support/infra';
import { rawGet as rawGetAt, remittanceCsv } from '../support/remittance-files';

/**
 * COD settlement through the gateway: deliveries (produced on orders.events as the orders service
 * would) make sellers' shares pending; the carrier's statement is reconciled line by line and
 * posted; payouts pay available balances; the ledger balances after every test.
 */
jest.setTimeout(120000);

describe('settlement', () => {
  const api = new Api();
  const kafka = testKafka('settlement-test');
  const producer = kafka.producer();
  // Carriers of the test cluster's CARRIER_CODES that only this suite uses: a carrier's ledger
  // accounts (`carrier:<code>:…`) and its row in the daily report are this suite's alone.
  const carrierCode = 'GHN';
  const otherCarrierCode = 'GHTK';
  let carrier: string;
  let otherCarrier: string;
  let partner: string;
  let otherPartner: string;
  let sellerId: string;
  let partnerId: string;
  const admin = () => api.adminKey;

  interface Shipment {
    shipmentId: string;
    trackingCode: string;
    itemsVnd: number;
    shippingVnd: number;
    codVnd: number;
    daysAgo?: number;
    carrier?: string;
  }
  const ship = (itemsVnd: number, extra: Partial<Shipment> = {}): Shipment => ({
    shipmentId: uuidv7(),
    trackingCode: `${carrierCode}${Math.floor(Math.random() * 1e9)}`,
    itemsVnd,
    shippingVnd: 30000,
    codVnd: itemsVnd + 30000,
    ...extra,
  });
  const facts = (s: Shipment) =>
    aShipmentFacts({
      shipmentId: s.shipmentId,
      sellerId,
      partnerId,
      carrierCode: s.carrier ?? carrierCode,
      trackingCode: s.trackingCode,
      itemsVnd: s.itemsVnd,
      shippingVnd: s.shippingVnd,
      codVnd: s.codVnd,
    });
  const deliver = async (...shipments: Shipment[]) => {
    await producer.send({
      topic: Topics.ordersEvents,
      messages: shipments.map((s) => ({
        key: s.shipmentId,
        value: JSON.stringify(
          newEvent(
            ShipmentDeliveredV1,
            s.shipmentId,
            { ...facts(s), deliveredAt: new Date(Date.now() - (s.daysAgo ?? 0) * 86400000).toISOString(), codCollectedVnd: s.codVnd },
            '/test/orders',
          ),
        ),
      })),
    });
  };
  /** 5% commission on items (the default rate). */
  const share = (s: Shipment) => s.itemsVnd - Math.round(s.itemsVnd * 0.05);
  // What this suite's carrier owes and has remitted, account by account: other suites post to the
  // shared ledger at the same time, so "nothing posted" is judged on this carrier's accounts.
  const carrierLedger = async () =>
    (
      (await api.get(`/v1/admin/ledger/trial-balance?prefix=carrier:${carrierCode}:&limit=1000`, { key: admin() })).body.items as {
        code: string;
        debitsVnd?: number;
        creditsVnd?: number;
      }[]
    )
      .filter((a) => a.code.startsWith(`carrier:${carrierCode}:`))
      .map((a) => JSON.stringify(a))
      .sort();
  const balance = async (id = sellerId) => (await api.get(`/v1/sellers/${id}/balance`, { key: partner })).body;
  const line = (s: Shipment, cod = s.codVnd, o: { fees?: [number, number, number]; withId?: boolean } = {}) => {
    const [shippingFeeVnd, codFeeVnd, returnFeeVnd] = o.fees ?? [s.shippingVnd, 2000, 0];
    return {
      trackingCode: s.trackingCode,
      ...(o.withId ? { shipmentId: s.shipmentId } : {}),
      codCollectedVnd: cod,
      shippingFeeVnd,
      codFeeVnd,
      returnFeeVnd,
      netRemittedVnd: cod - shippingFeeVnd - codFeeVnd - returnFeeVnd,
      deliveredAt: new Date().toISOString(),
    };
  };
  const net = (lines: { netRemittedVnd: number }[]) => lines.reduce((t, l) => t + l.netRemittedVnd, 0);
  const reconciled = (id: string, key = carrier) =>
    eventually(
      async () => {
        const r = await api.get(`/v1/remittances/${id}`, { key });
        return r.body.status !== 'processing' ? r.body : undefined;
      },
      60000,
      `remittance ${id} reconciled`,
    );
  const csv = remittanceCsv;
  const rawGet = (path: string, key: string) => rawGetAt(api.base, path, key);
  const postCsv = (body: string, q: string, key = carrier) =>
    api.call('POST', `/v1/remittances?${q}`, { key, rawBody: body, headers: { 'Content-Type': 'text/csv' } });

  beforeAll(async () => {
    await producer.connect();
    carrier = (await api.issueKey('carrier', { carrierCode })).key;
    otherCarrier = (await api.issueKey('carrier', { carrierCode: otherCarrierCode })).key;
    const p = await api.issueKey('partner');
    partner = p.key;
    partnerId = p.partnerId!;
    otherPartner = (await api.issueKey('partner')).key;
    const res = await api.post(
      '/v1/sellers',
      {
        name: 'HTX Vải thiều Lục Ngạn',
        kind: 'cooperative',
        orderAcceptance: 'auto',
        phone: '0912345678',
        address: { provinceCode: '24', wardCode: wardsOf('24')[0].code, line: 'Thôn Kép' },
      },
      { key: partner },
    );
    expect(res.status).toBe(201);
    sellerId = res.body.id;
  });

  afterAll(async () => {
    await producer.disconnect();
  });

  afterEach(async () => {
    const tb = (await api.get('/v1/admin/ledger/trial-balance', { key: admin() })).body;
    expect({ balanced: tb.balanced, difference: tb.totalDebitsVnd - tb.totalCreditsVnd }).toEqual({ balanced: true, difference: 0 });
  });

  it('makes a delivered COD shipment’s share pending, once, however often the event comes', async () => {
    const s = ship(200000);
    await deliver(s, s);
    const b = await eventually(async () => {
      const r = await balance();
      return r.pendingVnd >= share(s) ? r : undefined;
    });
    expect(b).toMatchObject({ sellerId, pendingVnd: share(s), availableVnd: 0, paidVnd: 0 });
    await new Promise((r) => setTimeout(r, 1000));
    expect((await balance()).pendingVnd).toBe(share(s));
    expectProblem(await api.get(`/v1/sellers/${sellerId}/balance`, { key: otherPartner }), 404, 'not_found');
  });

  it('refuses a second delivery posting of the same shipment with other amounts (to the DLQ, nothing posted)', async () => {
    const before = (await balance()).pendingVnd;
    const s = ship(100000);
    await deliver(s);
    await eventually(async () => (await balance()).pendingVnd === before + share(s));
    const changed = newEvent(
      ShipmentDeliveredV1,
      s.shipmentId,
      { ...facts({ ...s, itemsVnd: 150000, codVnd: 180000 }), deliveredAt: new Date().toISOString(), codCollectedVnd: 180000 },
      '/test/orders',
    );
    await producer.send({ topic: Topics.ordersEvents, messages: [{ key: s.shipmentId, value: JSON.stringify(changed) }] });
    const dead = await eventually(
      async () => {
        const msgs = await readTopic(kafka, `${Topics.ordersEvents}.dlq`, 1, { timeoutMs: 3000, settleMs: 200 });
        return msgs.find((m) => m.headers?.ce_id?.toString() === changed.id || JSON.parse(m.value!.toString()).id === changed.id);
      },
      60000,
      'the conflicting event in the DLQ',
    );
    expect(dead.headers?.['dlq-error']?.toString()).toMatch(/already made with other amounts/);
    expect((await balance()).pendingVnd).toBe(before + share(s));
  });

  describe('a statement with every outcome', () => {
    const matched = ship(300000);
    const short = ship(250000);
    const over = ship(120000);
    const dup = ship(90000);
    const old = ship(80000, { daysAgo: 10 });
    const returned = ship(70000);
    let body: Record<string, unknown>;
    let lines: ReturnType<typeof line>[];
    let id: string;
    let before: { pendingVnd: number; availableVnd: number };

    beforeAll(async () => {
      before = await balance();
      await deliver(matched, short, over, dup, old);
      await producer.send({
        topic: Topics.ordersEvents,
        messages: [
          {
            key: returned.shipmentId,
            value: JSON.stringify(
              newEvent(
                ShipmentReturnedV1,
                returned.shipmentId,
                { ...facts(returned), returnedAt: new Date().toISOString(), reason: 'buyer refused' },
                '/test/orders',
              ),
            ),
          },
        ],
      });
      const expected = before.pendingVnd + [matched, short, over, dup, old].reduce((t, s) => t + share(s), 0);
      await eventually(async () => (await balance()).pendingVnd === expected, 20000, 'deliveries pending');
      lines = [
        line(matched, matched.codVnd, { withId: true }),
        line(short, short.codVnd - 50000),
        line(over, over.codVnd + 7000),
        { ...line(ship(55000)), trackingCode: `${carrierCode}UNKNOWN` },
        line(dup),
        line(dup),
        line(returned, 0, { fees: [0, 0, 15000] }),
      ];
      body = { batchId: `B-${uuidv7()}`, bankTransferRef: 'FT26045000001', totalTransferredVnd: net(lines) - 1000, lines };
      const res = await api.post('/v1/remittances', body, { key: carrier });
      expect(res.status).toBe(202);
      expect(res.body.status).toMatch(/processing|reconciled/);
      id = res.body.id;
    });

    it('classifies every line and sums each outcome to the đồng', async () => {
      const r = await reconciled(id);
      expect(r.status).toBe('reconciled');
      // The return-fee line of the returned shipment matches too: nothing expected, nothing collected.
      expect(r.outcomes.matched).toEqual({
        count: 3,
        codCollectedVnd: matched.codVnd + dup.codVnd,
        expectedCodVnd: matched.codVnd + dup.codVnd,
        netRemittedVnd: net([lines[0], lines[4], lines[6]]),
        differenceVnd: 0,
      });
      expect(r.outcomes.short).toMatchObject({ count: 1, differenceVnd: -50000 });
      expect(r.outcomes.over).toMatchObject({ count: 1, differenceVnd: 7000 });
      expect(r.outcomes.unknown).toMatchObject({ count: 1, codCollectedVnd: 85000, expectedCodVnd: 0 });
      expect(r.outcomes.duplicate).toMatchObject({ count: 1, codCollectedVnd: dup.codVnd });
      expect(r.transfer).toEqual({ netLinesVnd: net(lines), totalTransferredVnd: net(lines) - 1000, differenceVnd: 1000, matches: false });
      expect(r.discrepancies.map((d: { line: number; outcome: string }) => [d.line, d.outcome])).toEqual([
        [2, 'short'],
        [3, 'over'],
        [4, 'unknown'],
        [6, 'duplicate'],
      ]);
      expect(r.missing).toMatchObject({ afterDays: 3 });
      const mine = r.missing.items.find((m: { shipmentId: string }) => m.shipmentId === old.shipmentId);
      expect(mine).toMatchObject({ codVnd: old.codVnd, ageDays: 10 });
      expect(r.missing.ageing.find((b: { bucket: string }) => b.bucket === '8-14').count).toBeGreaterThanOrEqual(1);
    });

    it('moves matched and over shares to available; short and unremitted ones stay pending', async () => {
      await reconciled(id);
      const b = await balance();
      expect(b.availableVnd - before.availableVnd).toBe(share(matched) + share(over) + share(dup));
      expect(b.pendingVnd - before.pendingVnd).toBe(share(short) + share(old));
      const tb = (await api.get(`/v1/admin/ledger/trial-balance?prefix=carrier:${carrierCode}:`, { key: admin() })).body;
      const acct = (code: string) => tb.items.find((a: { code: string }) => a.code === code);
      // Short 50,000 (owed) − over 7,000 − unknown net − duplicate net + transfer shortfall 1,000.
      expect(acct(`carrier:${carrierCode}:discrepancy`).balanceVnd).toBe(
        50000 - 7000 - lines[3].netRemittedVnd - lines[5].netRemittedVnd + 1000,
      );
      expect(acct(`carrier:${carrierCode}:clearing`).balanceVnd).toBe(0);
      // Still owed: the two shipments delivered in the first tests and the old one never remitted.
      expect(acct(`carrier:${carrierCode}:receivable`).balanceVnd).toBe(230000 + 130000 + old.codVnd);
    });

    it('posts nothing twice when the statement is sent again, and refuses the batch id with other lines', async () => {
      await reconciled(id);
      const postings = await carrierLedger();
      const again = await api.post('/v1/remittances', body, { key: carrier });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(id);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await carrierLedger()).toEqual(postings);
      expectProblem(
        await api.post('/v1/remittances', { ...body, lines: lines.slice(1) }, { key: carrier }),
        409,
        'remittance_batch_conflict',
      );
      expectProblem(await api.get(`/v1/remittances/${id}`, { key: otherCarrier }), 404, 'not_found');
    });
  });

  describe('CSV statements', () => {
    it('streams a CSV statement and reconciles it like JSON', async () => {
      const s = [ship(110000), ship(60000)];
      const pending = (await balance()).pendingVnd;
      await deliver(...s);
      await eventually(async () => (await balance()).pendingVnd === pending + share(s[0]) + share(s[1]));
      const lines = s.map((x) => line(x, x.codVnd, { withId: true }));
      const res = await postCsv(csv(lines), `batchId=CSV-${uuidv7()}&bankTransferRef=FT1&totalTransferredVnd=${net(lines)}`);
      expect(res.status).toBe(202);
      const r = await reconciled(res.body.id);
      expect(r.outcomes.matched.count).toBe(2);
      expect(r.transfer.matches).toBe(true);
    });

    it('reads quoted fields and CRLF line ends as RFC 4180 says, and names the line of a broken quote', async () => {
      const s = [ship(70000), ship(80000)];
      const pending = (await balance()).pendingVnd;
      await deliver(...s);
      await eventually(async () => (await balance()).pendingVnd === pending + share(s[0]) + share(s[1]));
      const lines = s.map((x) => line(x, x.codVnd));
      // The first line's tracking code quoted, the second's delivery time too; CRLF throughout.
      const rows = csv(lines).split('\n');
      rows[1] = rows[1].replace(lines[0].trackingCode, `"${lines[0].trackingCode}"`);
      rows[2] = rows[2].replace(lines[1].deliveredAt, `"${lines[1].deliveredAt}"`);
      const res = await postCsv(
        rows.join('\r\n') + '\r\n',
        `batchId=QUOTED-${uuidv7()}&bankTransferRef=FT5&totalTransferredVnd=${net(lines)}`,
      );
      expect(res.status).toBe(202);
      expect((await reconciled(res.body.id)).outcomes.matched.count).toBe(2);

      rows[2] = rows[2].replace(`"${lines[1].deliveredAt}"`, `"${lines[1].deliveredAt}"x`);
      const bad = await postCsv(rows.join('\n'), `batchId=QUOTED-${uuidv7()}&bankTransferRef=FT6&totalTransferredVnd=${net(lines)}`);
      expectProblem(bad, 422, 'validation_failed');
      expect(bad.body.errors).toEqual([
        expect.objectContaining({ field: 'line 3.csv', message: expect.stringMatching(/^line 3: Invalid Closing Quote/) }),
      ]);
    });

    it.each([['wrong columns', 'trackingCode,codCollectedVnd,netRemittedVnd', 'header']])(
      'refuses a file with %s (422, line 1)',
      async (_what, header, field) => {
        const res = await postCsv(`${header}\nX,1,1\n`, `batchId=BAD-${uuidv7()}&bankTransferRef=FT2&totalTransferredVnd=1`);
        expectProblem(res, 422, 'validation_failed');
        expect(res.body.errors[0].field).toBe(field);
        expect(res.body.errors[0].message).toMatch(/^line 1: /);
      },
    );

    it('refuses non-numeric amounts and bad arithmetic naming every line, and posts nothing', async () => {
      const postings = await carrierLedger();
      const good = line(ship(10000));
      const text = csv([good, good, good]).split('\n');
      text[2] = text[2].replace(`,${good.codCollectedVnd},`, ',40.000đ,');
      text[3] = text[3].replace(`,${good.netRemittedVnd},`, `,${good.netRemittedVnd + 1},`);
      const res = await postCsv(text.join('\n'), `batchId=BAD-${uuidv7()}&bankTransferRef=FT3&totalTransferredVnd=1`);
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['line 3.codCollectedVnd', 'line 4.netRemittedVnd']);
      expect(await carrierLedger()).toEqual(postings);
    });

    it('rejects a statement naming another carrier’s shipments, with line numbers, posting nothing', async () => {
      const mine = ship(50000);
      const theirs = ship(50000, { carrier: otherCarrierCode });
      const pending = (await balance()).pendingVnd;
      await deliver(mine, theirs);
      await eventually(async () => (await balance()).pendingVnd === pending + share(mine) + share(theirs));
      const before = await balance();
      const lines = [line(mine, mine.codVnd, { withId: true }), line(theirs, theirs.codVnd, { withId: true })];
      const res = await postCsv(csv(lines), `batchId=FOREIGN-${uuidv7()}&bankTransferRef=FT4&totalTransferredVnd=${net(lines)}`);
      expect(res.status).toBe(202);
      const r = await reconciled(res.body.id);
      expect(r.status).toBe('rejected');
      expect(r.errors).toEqual([expect.objectContaining({ line: 3, field: 'shipmentId' })]);
      expect(await balance()).toEqual(before);
    });
  });

  describe('payouts, statements and reports', () => {
    it('pays every available balance above the minimum, with a bank file and VietQR; paid moves it to paid', async () => {
      expectProblem(
        await api.call('PUT', `/v1/sellers/${sellerId}/bank-account`, {
          key: otherPartner,
          body: { bankBin: '970405', accountNumber: '1500201234567', accountName: 'HTX LUC NGAN' },
        }),
        404,
      );
      const put = await api.call('PUT', `/v1/sellers/${sellerId}/bank-account`, {
        key: partner,
        body: { bankBin: '970405', accountNumber: '1500201234567', accountName: 'Htx Lục Ngạn' },
      });
      expect(put.status).toBe(200);
      const before = await balance();
      expect(before.availableVnd).toBeGreaterThan(0);
      const reference = `P-${uuidv7()}`;
      const res = await api.post('/v1/payouts', { minimumVnd: 1, reference, sellerIds: [sellerId] }, { key: admin() });
      expect(res.status).toBe(201);
      const item = res.body.items.find((i: { sellerId: string }) => i.sellerId === sellerId);
      expect(item).toMatchObject({
        amountVnd: before.availableVnd,
        bankAccount: { bankBin: '970405', accountNumber: '1500201234567', accountName: 'HTX LỤC NGẠN' },
      });
      expect(item.vietQr).toContain(`54${String(before.availableVnd).length.toString().padStart(2, '0')}${before.availableVnd}`);
      expect(await balance()).toMatchObject({ availableVnd: 0, inPayoutVnd: before.availableVnd, paidVnd: 0 });
      expect((await api.post('/v1/payouts', { minimumVnd: 1, reference, sellerIds: [sellerId] }, { key: admin() })).body.id).toBe(
        res.body.id,
      );
      const file = await rawGet(`/v1/payouts/${res.body.id}/bank-file`, admin());
      expect(file.type).toMatch(/text\/csv/);
      expect({ bom: file.bom, header: file.text.split('\r\n')[0] }).toEqual({
        bom: true,
        header: 'reference,sellerId,sellerName,bankBin,accountNumber,accountName,amountVnd,description',
      });
      expect(file.text).toContain(`,1500201234567,HTX LỤC NGẠN,${before.availableVnd},`);
      const paid = await api.post(`/v1/payouts/${res.body.id}/paid`, {}, { key: admin() });
      expect(paid.body.status).toBe('paid');
      expect(await balance()).toMatchObject({ availableVnd: 0, inPayoutVnd: 0, paidVnd: before.availableVnd });
      expectProblem(await api.post(`/v1/payouts/${res.body.id}/paid`, {}, { key: admin() }), 409, 'illegal_transition');
    });

    it('gives the seller’s statement as JSON and as Excel-friendly CSV with Vietnamese headers', async () => {
      const json = await api.get(`/v1/sellers/${sellerId}/statement`, { key: partner });
      expect(json.status).toBe(200);
      const kinds = new Set(json.body.lines.map((l: { kind: string }) => l.kind));
      expect([...kinds].sort()).toEqual(expect.arrayContaining(['delivery', 'payout', 'payout_paid', 'remittance']));
      const closing = json.body.closing;
      expect(closing).toEqual(await balance());
      const sum = (acct: string) =>
        json.body.lines
          .filter((l: { account: string }) => l.account === acct)
          .reduce((t: number, l: { creditVnd: number; debitVnd: number }) => t + l.creditVnd - l.debitVnd, 0);
      expect(sum('pending')).toBe(closing.pendingVnd - json.body.opening.pendingVnd);
      const res = await rawGet(`/v1/sellers/${sellerId}/statement?format=csv&lang=vi`, partner);
      expect(res.type).toMatch(/text\/csv/);
      const rows = res.text.split('\r\n');
      expect({ bom: res.bom, header: rows[0] }).toEqual({
        bom: true,
        header: 'Thời điểm ghi sổ,Mã bút toán,Loại,Diễn giải,Tài khoản,Nợ (đồng),Có (đồng)',
      });
      expect(rows.length - 2).toBe(json.body.lines.length);
    });

    it('gives the trial balance a page at a time, with the whole ledger’s totals on every page', async () => {
      const tb = (q: string) => api.get(`/v1/admin/ledger/trial-balance?${q}`, { key: admin() });
      const prefix = `carrier:${carrierCode}:`;
      const all = await tb(`prefix=${prefix}&limit=1000`);
      expect(all.status).toBe(200);
      expect(all.body.items.map((a: { code: string }) => a.code)).toEqual([
        `${prefix}clearing`,
        `${prefix}discrepancy`,
        `${prefix}receivable`,
      ]);
      expect(all.body.nextCursor).toBeNull();
      // Two accounts a page: the same accounts, in order, then no cursor.
      const first = await tb(`prefix=${prefix}&limit=2`);
      const second = await tb(`prefix=${prefix}&limit=2&cursor=${first.body.nextCursor}`);
      expect([first.body.items.length, second.body.items.length, second.body.nextCursor]).toEqual([2, 1, null]);
      expect([...first.body.items, ...second.body.items].map((a: { code: string }) => a.code)).toEqual(
        all.body.items.map((a: { code: string }) => a.code),
      );
      for (const page of [all.body, first.body, second.body]) {
        expect(page).toMatchObject({ balanced: true, totalCreditsVnd: page.totalDebitsVnd });
        // Every account's totals, not only this carrier's: far more than the page lists.
        expect(page.accountCount).toBeGreaterThan(all.body.items.length);
        expect(page.totalDebitsVnd).toBeGreaterThan(all.body.items.reduce((t: number, a: { debitsVnd: number }) => t + a.debitsVnd, 0));
      }
      expect((await tb('')).body.items.length).toBeLessThanOrEqual(100);
      expectProblem(await tb('cursor=not-one-we-issued'), 422, 'validation_failed');
      expectProblem(await tb('limit=1001'), 422, 'validation_failed');
      expectProblem(await tb('limit=0'), 422, 'validation_failed');
    });

    it('reports the day per carrier and province', async () => {
      const today = new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10);
      const res = await api.get(`/v1/admin/reports/daily?date=${today}`, { key: admin() });
      expect(res.status).toBe(200);
      const row = res.body.rows.find(
        (r: { carrierCode: string; provinceCode: string }) => r.carrierCode === carrierCode && r.provinceCode === '79',
      );
      expect(row.delivered).toBe(11);
      expect(row.returned).toBe(1);
      expect(row.codRemittedVnd).toBeGreaterThan(0);
      expect(res.body.byCarrier.find((r: { carrierCode: string }) => r.carrierCode === carrierCode).codOutstandingVnd).toBe(
        row.codOutstandingVnd,
      );
      expectProblem(await api.get('/v1/admin/reports/daily?date=2026-13-01', { key: admin() }), 422);
    });
  });
});
