import { randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { wardsOf } from '@app/contracts';
import type { components } from '../generated/api';
import { eventually } from '../support/infra';
import { PostalConsumer } from '../support/marketplace';
import { apiClient, checkGeneratedTypes, type ApiClient } from '../support/openapi-client';

type Schemas = components['schemas'];
type Order = Schemas['OrderViewDto'];

// Jest reads testTimeout only at the top level, not per project: the journey waits on many Kafka round trips.
jest.setTimeout(180_000);

/** The answer's body, or a failure naming the status and the problem the API gave. */
function ok<T>(r: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (r.data === undefined) throw new Error(`${what}: ${r.response.status} ${JSON.stringify(r.error)}`);
  return r.data;
}

/** `2026-01-28T09:00:00+07:00` → `28/01/2026 09:00:00`, the carriers' own date format. */
const carrierDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso)!;
  return `${m[3]}/${m[2]}/${m[1]} ${m[4]}`;
};
/** An ISO time `hours` ago in Vietnam time (diary entries and carrier reports must not be in the future). */
const ago = (hours: number) => `${new Date(Date.now() - hours * 3_600_000 + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;

/**
 * The whole marketplace once, as its users meet it, through the public REST API only, with a
 * client generated from the served OpenAPI document: an admin issues keys; a partner onboards farm
 * households in 2025 wards and lists produce linked to a traced lot with its farm diary; a
 * storefront searches without diacritics and orders from three sellers, cash on delivery; the
 * postal systems read the shipment requests from `fulfilment.shipments` in their own consumer
 * group and report pick-up and delivery through their native webhooks (Vietnam Post and Viettel
 * Post); the carriers remit, reconciliation matches, a payout pays the sellers; the public trace
 * page shows the journey; the ledger balances.
 */
describe('journey: farm to door to payout', () => {
  const secrets = Object.fromEntries(process.env.E2E_CARRIER_WEBHOOK_SECRETS!.split(',').map((p) => p.split(':') as [string, string]));
  const admin = apiClient(process.env.E2E_ADMIN_API_KEY);
  const anonymous = apiClient();
  const postal = new PostalConsumer();
  let partner: ApiClient;
  let storefront: ApiClient;
  let vnpost: ApiClient;
  let vtp: ApiClient;

  /** The three households and what each sells; prices large enough that the payout below can select only them. */
  const farms = [
    {
      seller: {
        name: 'Hộ ông Nguyễn Văn Thắng – vải thiều',
        kind: 'household' as const,
        province: '24', // Bắc Ninh (2025: Bắc Giang merged in, Lục Ngạn with it)
        wardName: /Lục Ngạn/,
      },
      product: {
        name: 'Vải thiều Lục Ngạn hộp quà 2 kg',
        categoryId: 'vai-nhan-chom-chom',
        unit: 'hộp',
        priceVnd: 250_000,
        weightGrams: 2_000,
      },
      query: 'vai thieu luc ngan',
      quantity: 12,
    },
    {
      seller: { name: 'Hộ bà Hoa – cà phê Buôn Ma Thuột', kind: 'household' as const, province: '66', wardName: /Buôn Ma Thuột/ },
      product: {
        name: 'Cà phê Robusta Buôn Ma Thuột rang mộc',
        categoryId: 'ca-phe-rang-xay',
        unit: 'kg',
        priceVnd: 400_000,
        weightGrams: 1_000,
      },
      query: 'ca phe buon ma thuot',
      quantity: 8,
    },
    {
      seller: { name: 'HTX Gạo Thạnh Phú', kind: 'cooperative' as const, province: '92', wardName: /Thới Lai/ },
      product: { name: 'Gạo ST25 Sóc Trăng túi 5 kg', categoryId: 'gao-dac-san', unit: 'túi', priceVnd: 200_000, weightGrams: 5_000 },
      query: 'gao st25 soc trang',
      quantity: 15,
    },
  ];
  const sellers: Schemas['SellerDto'][] = [];
  const products: Schemas['ProductDto'][] = [];
  let lot: Schemas['LotDto'];
  let multiSeller: Order;
  let viaViettel: Order;
  const waybills = new Map<string, string>(); // shipment id → carrier waybill

  const order = async (id: string, status: Order['status']) =>
    eventually(
      async () => {
        const view = ok(await storefront.GET('/v1/orders/{id}', { params: { path: { id } } }), 'order');
        return view.status === status ? view : undefined;
      },
      60_000,
      `order ${id} to be ${status}`,
    );
  const balance = async (id: string) => ok(await partner.GET('/v1/sellers/{id}/balance', { params: { path: { id } } }), 'balance');

  beforeAll(async () => {
    await postal.start(`postal-journey-${uuidv7()}`);
  });

  afterAll(async () => {
    await postal.stop();
  });

  it('is driven by a client generated from the OpenAPI document the gateway serves', async () => {
    const served = await fetch(`${process.env.E2E_BASE_URL}/openapi.json`);
    expect(served.status).toBe(200);
    const { upToDate, rewritten } = await checkGeneratedTypes(await served.json());
    if (rewritten) console.log('test/generated/api.d.ts rewritten from the served document');
    expect({ upToDate: upToDate || rewritten, hint: 'UPDATE_OPENAPI_TYPES=1 npm test -- test/e2e/journey' }).toEqual({
      upToDate: true,
      hint: expect.any(String),
    });
  });

  it('lets an admin issue keys for a partner app, a storefront and two postal carriers', async () => {
    const issue = async (body: Schemas['IssueApiKeyDto']) => {
      const res = await admin.POST('/v1/admin/api-keys', { body });
      expect(res.response.status).toBe(201);
      return ok(res, `key for ${body.role}`);
    };
    const p = await issue({ role: 'partner', name: 'Ứng dụng HTX số' });
    expect(p.partnerId).toEqual(expect.any(String));
    partner = apiClient(p.key);
    storefront = apiClient((await issue({ role: 'storefront', name: 'Chợ quê online' })).key);
    const vn = await issue({ role: 'carrier', name: 'Vietnam Post', carrierCode: 'VNPOST' });
    expect(vn.carrierCode).toBe('VNPOST');
    vnpost = apiClient(vn.key);
    vtp = apiClient((await issue({ role: 'carrier', name: 'Viettel Post', carrierCode: 'VTP' })).key);
    // Nobody else may issue keys.
    expect((await partner.POST('/v1/admin/api-keys', { body: { role: 'admin', name: 'x' } })).response.status).toBe(403);
    expect((await anonymous.POST('/v1/admin/api-keys', { body: { role: 'admin', name: 'x' } })).response.status).toBe(401);
  });

  it('onboards farm households in 2025 wards (two-level addresses: province and ward)', async () => {
    for (const { seller } of farms) {
      const wards = wardsOf(seller.province);
      const ward = wards.find((w) => seller.wardName.test(w.name)) ?? wards[0];
      const res = await partner.POST('/v1/sellers', {
        body: {
          name: seller.name,
          kind: seller.kind,
          phone: '0912 345 678',
          address: { provinceCode: seller.province, wardCode: ward.code, line: 'Thôn Đồng Vành' },
        },
        headers: { 'Idempotency-Key': `seller-${uuidv7()}` },
      });
      const created = ok(res, 'seller');
      expect(res.response.status).toBe(201);
      const read = ok(await partner.GET('/v1/sellers/{id}', { params: { path: { id: created.id } } }), 'seller');
      expect(read).toMatchObject({
        kind: seller.kind,
        phone: '+84912345678',
        status: 'active',
        address: { provinceCode: seller.province, wardCode: ward.code },
      });
      sellers.push(read);
    }
    // The vải thiều farm answers each order by hand (the default); the other two take orders automatically.
    expect(sellers.map((x) => x.orderAcceptance)).toEqual(['manual', 'manual', 'manual']);
    for (const seller of sellers.slice(1)) {
      const changed = await partner.PATCH('/v1/sellers/{id}', { params: { path: { id: seller.id } }, body: { orderAcceptance: 'auto' } });
      expect(ok(changed, 'seller change')).toMatchObject({ id: seller.id, orderAcceptance: 'auto' });
    }
    const listed = ok(await partner.GET('/v1/sellers', { params: { query: { limit: 100 } } }), 'sellers');
    expect(listed.items.map((x) => x.id).sort()).toEqual(sellers.map((x) => x.id).sort());
  });

  it('opens a traced lot with its farm diary and lists the produce linked to it', async () => {
    const created = await partner.POST('/v1/lots', {
      body: {
        sellerId: sellers[0].id,
        productName: farms[0].product.name,
        harvestDate: ago(30).slice(0, 10),
        area: { plot: 'Thửa 12, đồi Kép', areaM2: 5000 },
        quantity: 1200,
        unit: 'kg',
        certifications: [{ scheme: 'VietGAP', certificateNo: 'VG-BN-0456', issuer: 'QUACERT', validUntil: '2099-12-31' }],
      },
    });
    lot = ok(created, 'lot');
    expect(created.response.status).toBe(201);
    const lots = ok(await partner.GET('/v1/lots', { params: { query: { sellerId: sellers[0].id } } }), 'lots');
    expect(lots.items.map((l) => l.id)).toEqual([lot.id]);
    expect(lot.traceCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);

    const diary: Schemas['RecordFarmEventDto'][] = [
      { kind: 'planting', occurredAt: ago(24 * 200), recordedBy: 'Nguyễn Văn Thắng', note: 'Trồng bổ sung 20 gốc' },
      {
        kind: 'fertilizing',
        occurredAt: ago(24 * 90),
        recordedBy: 'Nguyễn Văn Thắng',
        input: 'NPK 16-16-8',
        inputAmount: 50,
        inputUnit: 'kg',
      },
      { kind: 'harvesting', occurredAt: ago(24 * 30), recordedBy: 'Nguyễn Văn Thắng', quantity: 1200 },
      { kind: 'packing', occurredAt: ago(24 * 30 - 4), recordedBy: 'HTX Phượng Sơn', quantity: 1200 },
    ];
    for (const entry of diary) {
      const res = await partner.POST('/v1/lots/{id}/events', { params: { path: { id: lot.id } }, body: entry });
      expect({ kind: entry.kind, status: res.response.status, error: res.error }).toEqual({
        kind: entry.kind,
        status: 201,
        error: undefined,
      });
    }
    expect(ok(await storefront.GET('/v1/lots/{id}/verify', { params: { path: { id: lot.id } } }), 'verify')).toMatchObject({
      intact: true,
      eventCount: diary.length,
    });

    for (const [i, farm] of farms.entries()) {
      const res = await partner.POST('/v1/products', {
        body: {
          sellerId: sellers[i].id,
          ...farm.product,
          stock: 100,
          ...(i === 0 ? { lotId: lot.id, ocopStars: 4, ocopCertificateNo: 'OCOP-BN-2025-0142', ocopValidUntil: '2099-06-30' } : {}),
        },
      });
      products.push(ok(res, 'product'));
      expect(res.response.status).toBe(201);
    }
    const lychee = ok(await storefront.GET('/v1/products/{id}', { params: { path: { id: products[0].id } } }), 'product');
    expect(lychee.lotId).toBe(lot.id);
    expect(lot.traceUrl).toMatch(new RegExp(`/t/${lot.traceCode}$`));
  });

  it('lets a storefront find each product searching without diacritics', async () => {
    for (const [i, farm] of farms.entries()) {
      const found = await eventually(
        async () => {
          let cursor: string | undefined;
          for (let page = 0; page < 10; page += 1) {
            const res = ok(await storefront.GET('/v1/products', { params: { query: { q: farm.query, limit: 100, cursor } } }), 'search');
            const hit = res.items.find((p) => p.id === products[i].id);
            if (hit) return hit;
            if (!res.nextCursor) return undefined;
            cursor = res.nextCursor;
          }
          return undefined;
        },
        20_000,
        `“${farm.query}” to find ${farm.product.name}`,
      );
      expect(found).toMatchObject({ name: farm.product.name, sellerId: sellers[i].id, priceVnd: farm.product.priceVnd });
    }
  });

  it('takes a COD order from three sellers (Vietnam Post) and one more by Viettel Post', async () => {
    const address = { provinceCode: '79', wardCode: wardsOf('79')[0].code, line: '12 Nguyễn Huệ' };
    const items = farms.map((f, i) => ({ productId: products[i].id, quantity: f.quantity }));
    // The orders service learns the products over Kafka: quotes succeed once it knows them.
    const quote = await eventually(
      async () => (await storefront.POST('/v1/shipping/quotes', { body: { items, address } })).data,
      30_000,
      'the products to be orderable',
    );
    expect(quote.perSeller).toHaveLength(3);

    const placed = await storefront.POST('/v1/orders', {
      body: { buyer: { name: 'Trần Thị Mai', phone: '0987 654 321' }, address, items, paymentMethod: 'cod', carrierCode: 'VNPOST' },
      headers: { 'Idempotency-Key': `journey-${uuidv7()}` },
    });
    const pending = ok(placed, 'order');
    expect(placed.response.status).toBe(201);
    expect(pending).toMatchObject({ status: 'pending', paymentMethod: 'cod', codVnd: quote.codVnd, itemsVnd: quote.itemsVnd });
    expect(pending.subOrders).toHaveLength(3);

    const single = await storefront.POST('/v1/orders', {
      body: {
        buyer: { name: 'Lê Văn Nam', phone: '0903 111 222' },
        address: { provinceCode: '01', wardCode: wardsOf('01')[0].code, line: '5 Tràng Tiền' },
        items: [{ productId: products[0].id, quantity: 2 }],
        paymentMethod: 'cod',
        carrierCode: 'VTP',
      },
    });
    expect({ status: single.response.status, error: single.error }).toEqual({ status: 201, error: undefined });

    multiSeller = await order(pending.id, 'confirmed');
    viaViettel = await order(ok(single, 'order').id, 'confirmed');
    // The vải thiều farm answers by hand: its parcels wait for it; the other two are on their way.
    const lychee = multiSeller.subOrders.find((s) => s.sellerId === sellers[0].id)!;
    expect(lychee).toMatchObject({ status: 'awaiting_seller', acceptance: 'manual', shipmentId: null });
    expect(lychee.acceptBy).toMatch(/\+07:00$/);
    expect(viaViettel.subOrders[0]).toMatchObject({ status: 'awaiting_seller', shipmentId: null });
    for (const sub of multiSeller.subOrders.filter((s) => s.sellerId !== sellers[0].id)) {
      expect(sub).toMatchObject({ status: 'accepted', acceptance: 'auto', carrierCode: 'VNPOST', shipmentStatus: 'requested' });
    }
  });

  it('lets the partner app find the orders waiting for its seller and accept them with a pickup window', async () => {
    const waiting = ok(
      await partner.GET('/v1/orders', { params: { query: { subOrderStatus: 'awaiting_seller', sellerId: sellers[0].id, limit: 100 } } }),
      'orders awaiting the seller',
    );
    expect(waiting.items.map((o) => o.id).sort()).toEqual([multiSeller.id, viaViettel.id].sort());
    // A partner sees only its sellers' sub-orders; all three are this partner's here.
    expect(waiting.items.find((o) => o.id === multiSeller.id)?.subOrders).toHaveLength(3);
    const from = new Date(Date.now() + 2 * 3_600_000);
    const window = { from: from.toISOString(), to: new Date(from.getTime() + 3 * 3_600_000).toISOString() };
    for (const o of [multiSeller, viaViettel]) {
      const sub = o.subOrders.find((s) => s.sellerId === sellers[0].id)!;
      const accepted = await partner.POST('/v1/orders/{id}/sub-orders/{subOrderId}/accept', {
        params: { path: { id: o.id, subOrderId: sub.id } },
        body: { pickupWindow: window, note: 'Hàng đóng hộp quà, lấy ở nhà văn hóa thôn.' },
        headers: { 'Idempotency-Key': `accept-${sub.id}` },
      });
      expect(ok(accepted, 'accept').subOrders.find((s) => s.id === sub.id)).toMatchObject({
        status: 'accepted',
        pickupWindow: { from: expect.stringMatching(/\+07:00$/), to: expect.stringMatching(/\+07:00$/) },
      });
    }
    multiSeller = await order(multiSeller.id, 'confirmed');
    viaViettel = await order(viaViettel.id, 'confirmed');
    expect(multiSeller.subOrders.every((s) => s.status === 'accepted' && s.shipmentId && s.carrierCode === 'VNPOST')).toBe(true);
    expect(viaViettel.subOrders[0]).toMatchObject({ status: 'accepted', carrierCode: 'VTP', shipmentStatus: 'requested' });
  });

  it('hands the postal systems one shipment request per parcel on fulfilment.shipments', async () => {
    const expected = [...multiSeller.subOrders, ...viaViettel.subOrders];
    await eventually(
      async () => postal.forOrder(multiSeller.id).length === 3 && postal.forOrder(viaViettel.id).length === 1,
      30_000,
      'four shipment requests',
    );
    await new Promise((r) => setTimeout(r, 500));
    const requests = [...postal.forOrder(multiSeller.id), ...postal.forOrder(viaViettel.id)];
    expect(requests).toHaveLength(4);
    for (const sub of expected) {
      const request = requests.find((m) => m.key === sub.shipmentId);
      expect(request?.data).toMatchObject({ codVnd: sub.codVnd, sender: { phone: '+84912345678' } });
      // The seller's pickup window reaches the carrier with the parcels it accepted by hand.
      if (sub.sellerId === sellers[0].id) expect(request?.data).toMatchObject({ pickupWindow: sub.pickupWindow });
      else expect(request?.data).not.toHaveProperty('pickupWindow');
    }
  });

  it('follows pick-up and delivery reported through both native webhooks', async () => {
    const vnpostHook = (body: Record<string, unknown>) =>
      vnpost.POST('/v1/carriers/{carrierCode}/webhook', {
        params: { path: { carrierCode: 'VNPOST' }, header: { Token: secrets.VNPOST } },
        body,
      });
    for (const sub of multiSeller.subOrders) {
      const waybill = `EB${randomInt(100_000_000, 999_999_999)}VN`;
      waybills.set(sub.shipmentId!, waybill);
      const picked = ok(
        await vnpostHook({ ItemCode: waybill, OrderCode: sub.shipmentId, OrderStatusId: 3, StatusDate: carrierDate(ago(5)) }),
        'VNPOST pick-up',
      );
      expect(picked).toMatchObject({ applied: true, status: 'picked_up' });
    }
    expect((await order(multiSeller.id, 'shipping')).subOrders.map((s) => s.shipmentStatus)).toEqual([
      'picked_up',
      'picked_up',
      'picked_up',
    ]);
    for (const sub of multiSeller.subOrders) {
      const delivered = ok(
        await vnpostHook({
          ItemCode: waybills.get(sub.shipmentId!),
          OrderStatusId: 14,
          StatusDate: carrierDate(ago(1)),
          CollectionAmount: sub.codVnd,
        }),
        'VNPOST delivery',
      );
      expect(delivered).toMatchObject({ applied: true, status: 'delivered' });
    }

    const sub = viaViettel.subOrders[0];
    const viettelWaybill = String(randomInt(1_000_000_000, 9_999_999_999)).padStart(13, '18');
    waybills.set(sub.shipmentId!, viettelWaybill);
    const vtpHook = (status: number, at: string, extra: Record<string, unknown> = {}) =>
      vtp.POST('/v1/carriers/{carrierCode}/webhook', {
        params: { path: { carrierCode: 'VTP' } },
        body: {
          DATA: { ORDER_NUMBER: viettelWaybill, ORDER_REFERENCE: sub.shipmentId, ORDER_STATUSDATE: at, ORDER_STATUS: status, ...extra },
          TOKEN: secrets.VTP,
        },
      });
    expect(ok(await vtpHook(200, carrierDate(ago(5))), 'VTP pick-up')).toMatchObject({ applied: true, status: 'picked_up' });
    expect(ok(await vtpHook(501, carrierDate(ago(1)), { MONEY_COLLECTION: sub.codVnd }), 'VTP delivery')).toMatchObject({
      applied: true,
      status: 'delivered',
    });

    const done = await order(multiSeller.id, 'delivered');
    expect(done.subOrders.map((s) => [s.shipmentStatus, s.trackingCode])).toEqual(
      multiSeller.subOrders.map((s) => ['delivered', waybills.get(s.shipmentId!)]),
    );
    expect((await order(viaViettel.id, 'delivered')).subOrders[0]).toMatchObject({ trackingCode: viettelWaybill, carrierCode: 'VTP' });
  });

  it('reconciles both carriers’ remittance statements: every line matched, the transfer agrees', async () => {
    // The deliveries reach settlement over Kafka: each seller's share is pending first, one
    // delivery posting per delivered sub-order (the first farm sells in both orders).
    for (const seller of sellers) {
      const deliveries = [...multiSeller.subOrders, ...viaViettel.subOrders].filter((s) => s.sellerId === seller.id).length;
      await eventually(
        async () => {
          const st = ok(await partner.GET('/v1/sellers/{id}/statement', { params: { path: { id: seller.id } } }), 'statement');
          return st.lines.filter((l) => l.kind === 'delivery' && l.account === 'pending').length === deliveries;
        },
        30_000,
        `${seller.name}: ${deliveries} pending share(s)`,
      );
    }
    const remit = async (carrier: ApiClient, subs: Order['subOrders']) => {
      const lines = subs.map((s) => ({
        trackingCode: waybills.get(s.shipmentId!)!,
        shipmentId: s.shipmentId,
        codCollectedVnd: s.codVnd,
        shippingFeeVnd: s.shippingVnd,
        codFeeVnd: 2_000,
        returnFeeVnd: 0,
        netRemittedVnd: s.codVnd - s.shippingVnd - 2_000,
        deliveredAt: ago(1),
      }));
      const total = lines.reduce((t, l) => t + l.netRemittedVnd, 0);
      const res = await carrier.POST('/v1/remittances', {
        body: { batchId: `BK-${uuidv7()}`, bankTransferRef: `FT${randomInt(1e9, 9e9)}`, totalTransferredVnd: total, lines },
      });
      const { id } = ok(res, 'remittance');
      expect(res.response.status).toBe(202);
      const result = await eventually(
        async () => {
          const r = ok(await carrier.GET('/v1/remittances/{id}', { params: { path: { id } } }), 'remittance');
          return r.status !== 'processing' ? r : undefined;
        },
        60_000,
        `remittance ${id} reconciled`,
      );
      expect(result.status).toBe('reconciled');
      expect(result.outcomes.matched).toEqual({
        count: lines.length,
        codCollectedVnd: subs.reduce((t, s) => t + s.codVnd, 0),
        expectedCodVnd: subs.reduce((t, s) => t + s.codVnd, 0),
        netRemittedVnd: total,
        differenceVnd: 0,
      });
      for (const outcome of ['short', 'over', 'unknown', 'duplicate'] as const) expect(result.outcomes[outcome].count).toBe(0);
      expect(result.discrepancies).toEqual([]);
      expect(result.transfer).toMatchObject({ matches: true, differenceVnd: 0 });
      // The carrier's list of its remittances shows it; the other carrier's does not.
      const mine = ok(await carrier.GET('/v1/remittances', { params: { query: { status: 'reconciled', limit: 100 } } }), 'remittances');
      expect(mine.items.find((r) => r.id === id)).toMatchObject({ status: 'reconciled', discrepancyCount: 0, transfer: { matches: true } });
      const other = carrier === vnpost ? vtp : vnpost;
      const theirs = ok(await other.GET('/v1/remittances', { params: { query: { limit: 100 } } }), 'remittances');
      expect(theirs.items.map((r) => r.id)).not.toContain(id);
    };
    const pending = await Promise.all(sellers.map((s) => balance(s.id)));
    await remit(vnpost, multiSeller.subOrders);
    await remit(vtp, viaViettel.subOrders);
    // Remitted: each seller's share moves from pending to available.
    for (const [i, seller] of sellers.entries()) {
      const b = await eventually(async () => {
        const now = await balance(seller.id);
        return now.pendingVnd === 0 ? now : undefined;
      });
      expect(b.availableVnd).toBe(pending[i].pendingVnd);
      expect(b.availableVnd).toBeLessThan(farms[i].product.priceVnd * (farms[i].quantity + (i === 0 ? 2 : 0)));
    }
  });

  it('pays the sellers out with a bank file and VietQR, and marks the batch paid', async () => {
    const available = await Promise.all(sellers.map(async (s) => (await balance(s.id)).availableVnd));
    for (const [i, seller] of sellers.entries()) {
      const put = await partner.PUT('/v1/sellers/{id}/bank-account', {
        params: { path: { id: seller.id } },
        body: { bankBin: '970405', accountNumber: `15002012345${i}`, accountName: seller.name },
      });
      expect(put.response.status).toBe(200);
    }
    // Only this journey's sellers: other suites running at the same time have their own.
    const minimumVnd = Math.min(...available);
    expect(minimumVnd).toBeGreaterThan(2_000_000);
    const created = await admin.POST('/v1/payouts', {
      body: { minimumVnd, reference: `JOURNEY-${uuidv7()}`, sellerIds: sellers.map((s) => s.id) },
    });
    const batch = ok(created, 'payout');
    expect(created.response.status).toBe(201);
    for (const [i, seller] of sellers.entries()) {
      const item = batch.items.find((x) => x.sellerId === seller.id);
      expect(item).toMatchObject({ amountVnd: available[i], bankAccount: { bankBin: '970405' } });
      expect(item?.vietQr).toContain(String(available[i]));
      expect(await balance(seller.id)).toMatchObject({ availableVnd: 0, inPayoutVnd: available[i] });
    }
    const bankFile = await fetch(`${process.env.E2E_BASE_URL}/v1/payouts/${batch.id}/bank-file`, {
      headers: { Authorization: `Bearer ${process.env.E2E_ADMIN_API_KEY}` },
    });
    expect(bankFile.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await bankFile.text()).split('\r\n').length).toBeGreaterThan(sellers.length);
    const paid = ok(await admin.POST('/v1/payouts/{id}/paid', { params: { path: { id: batch.id } } }), 'paid');
    expect(paid.status).toBe('paid');
    const payouts = ok(await admin.GET('/v1/payouts', { params: { query: { limit: 100 } } }), 'payouts');
    expect(payouts.items.find((p) => p.id === batch.id)).toMatchObject({ status: 'paid', itemCount: sellers.length });
    for (const [i, seller] of sellers.entries()) {
      expect(await balance(seller.id)).toMatchObject({ pendingVnd: 0, availableVnd: 0, inPayoutVnd: 0, paidVnd: available[i] });
    }
  });

  it('shows the buyer the farm, the diary and the journey on the public trace page', async () => {
    const section = (html: string, id: string) => new RegExp(`<section id="${id}">(.*?)</section>`, 's').exec(html)?.[1] ?? '';
    // The journey reaches traceability over Kafka and the page is cached for a few seconds.
    const html = await eventually(
      async () => {
        const res = await anonymous.GET('/t/{traceCode}', { params: { path: { traceCode: lot.traceCode } }, parseAs: 'text' });
        expect(res.response.status).toBe(200);
        const page = res.data as string;
        return (section(page, 'journey').match(/Đã giao tới người mua/g) ?? []).length === 2 ? page : undefined;
      },
      60_000,
      'the trace page to show both deliveries of the lot',
    );
    expect(html).toContain('Vải thiều Lục Ngạn hộp quà 2 kg');
    expect(html).toContain(sellers[0].name);
    expect(section(html, 'diary')).toMatch(/Gieo trồng.*Bón phân.*Thu hoạch.*Đóng gói/s);
    const journey = section(html, 'journey');
    // The traced lychee travelled in two parcels: one of the three-seller order, one by Viettel Post.
    expect((journey.match(/Giao cho đơn vị vận chuyển/g) ?? []).length).toBe(2);
    expect((journey.match(/Đã giao tới người mua/g) ?? []).length).toBe(2);
    expect(journey.indexOf('Giao cho đơn vị vận chuyển')).toBeLessThan(journey.indexOf('Đã giao tới người mua'));
  });

  it('leaves the ledger balanced: total debits equal total credits', async () => {
    // The test ledger fits on one page (one snapshot: its accounts must add up to zero).
    const tb = ok(await admin.GET('/v1/admin/ledger/trial-balance', { params: { query: { limit: 1000 } } }), 'trial balance');
    expect({ balanced: tb.balanced, difference: tb.totalDebitsVnd - tb.totalCreditsVnd }).toEqual({ balanced: true, difference: 0 });
    expect({ nextCursor: tb.nextCursor, sum: tb.items.reduce((t, a) => t + a.debitsVnd - a.creditsVnd, 0) }).toEqual({
      nextCursor: null,
      sum: 0,
    });
  });
});
