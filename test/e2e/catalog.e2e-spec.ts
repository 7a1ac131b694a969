import { get } from 'node:http';
import { v7 as uuidv7 } from 'uuid';
import { OrderPlacedV1, SubOrderReleasedV1, Topics } from '@app/contracts';
import { newEvent } from '@app/messaging';
import { Api, expectProblem } from '../support/api';
import { eventually, testKafka } from '../support/infra';

/** Onboarding, listing, visibility, Vietnamese search and the stock reservation saga, through the gateway. */
describe('catalog', () => {
  const api = new Api();
  let partner: string;
  let otherPartner: string;
  let storefront: string;
  let sellerId: string;

  const seller = (extra: Record<string, unknown> = {}) => ({
    name: 'HTX Nông nghiệp Lục Ngạn',
    kind: 'cooperative',
    phone: '0912 345 678',
    address: { provinceCode: '24', wardCode: wardOfBacNinh, line: 'Thôn Đồng Vành' },
    ...extra,
  });
  const product = (extra: Record<string, unknown> = {}) => ({
    sellerId,
    name: 'Vải thiều Lục Ngạn loại 1',
    categoryId: 'vai-nhan-chom-chom',
    unit: 'kg',
    priceVnd: 65000,
    stock: 100,
    weightGrams: 1000,
    ...extra,
  });
  let wardOfBacNinh: string;

  beforeAll(async () => {
    partner = (await api.issueKey('partner')).key;
    otherPartner = (await api.issueKey('partner')).key;
    storefront = (await api.issueKey('storefront')).key;
    // Any ward of Bắc Ninh (24), taken from the 2025 list the service validates against.
    const { wardsOf } = await import('@app/contracts');
    wardOfBacNinh = wardsOf('24')[0].code;
    const res = await api.post('/v1/sellers', seller(), { key: partner });
    expect(res.status).toBe(201);
    sellerId = res.body.id;
  });

  describe('onboarding', () => {
    it('registers a cooperative with a 2025 ward and a normalised phone', async () => {
      const res = await api.get(`/v1/sellers/${sellerId}`, { key: partner });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        kind: 'cooperative',
        phone: '+84912345678',
        status: 'active',
        address: { provinceCode: '24', wardCode: wardOfBacNinh, line: 'Thôn Đồng Vành' },
      });
      expect(res.body.address.provinceName).toMatch(/Bắc Ninh/);
      expect(res.body.createdAt).toMatch(/\+07:00$/);
    });

    it('keeps a legacy three-level address as given', async () => {
      const legacy = {
        provinceCode: '24',
        districtCode: '219',
        wardCode: '07465',
        provinceName: 'Bắc Giang',
        districtName: 'Huyện Lục Ngạn',
        wardName: 'Xã Phượng Sơn',
      };
      const res = await api.post(
        '/v1/sellers',
        seller({ address: { provinceCode: '24', wardCode: wardOfBacNinh, line: 'Thôn Kép', legacy } }),
        { key: partner },
      );
      expect(res.status).toBe(201);
      expect(res.body.address.legacy).toEqual(legacy);
    });

    it.each([
      ['an unknown ward', { address: { provinceCode: '24', wardCode: '99999', line: 'x' } }, 'address.wardCode'],
      ['a ward of another province', { address: { provinceCode: '01', wardCode: '__BN__', line: 'x' } }, 'address.wardCode'],
      ['an unknown province', { address: { provinceCode: '99', wardCode: '00004', line: 'x' } }, 'address.provinceCode'],
      ['a phone that is not Vietnamese', { phone: '+1 415 555 0100' }, 'phone'],
      ['an unknown kind', { kind: 'farm' }, 'kind'],
    ])('refuses %s (422 naming the field)', async (_what, override, field) => {
      const body = JSON.parse(JSON.stringify(seller(override)).replace('__BN__', wardOfBacNinh));
      const res = await api.post('/v1/sellers', body, { key: partner });
      expectProblem(res, 422, 'validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    it('hides one partner’s seller from another (404) and from storefronts (403)', async () => {
      expectProblem(await api.get(`/v1/sellers/${sellerId}`, { key: otherPartner }), 404, 'not_found');
      expectProblem(await api.get(`/v1/sellers/${sellerId}`, { key: storefront }), 403, 'forbidden');
      expectProblem(await api.post('/v1/products', product(), { key: otherPartner }), 404, 'not_found');
    });
  });

  describe('listing and visibility', () => {
    it.each([
      ['a negative price', { priceVnd: -1 }, 'priceVnd'],
      ['a fractional price', { priceVnd: 1000.5 }, 'priceVnd'],
      ['negative stock', { stock: -3 }, 'stock'],
      ['an unknown category', { categoryId: 'dien-thoai' }, 'categoryId'],
      ['OCOP stars out of range', { ocopStars: 6 }, 'ocopStars'],
      ['a status it cannot set', { status: 'deleted' }, 'status'],
      ['a field it may not set', { suspended: false }, 'suspended'],
    ])('refuses %s (422 naming the field)', async (_what, override, field) => {
      const res = await api.post('/v1/products', product(override), { key: partner });
      expectProblem(res, 422, 'validation_failed');
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    it('shows storefronts only active products; owners see drafts; others get 404', async () => {
      const draft = (await api.post('/v1/products', product({ name: 'Nhãn lồng Hưng Yên (nháp)', status: 'draft' }), { key: partner }))
        .body;
      expect(draft.status).toBe('draft');
      expectProblem(await api.get(`/v1/products/${draft.id}`, { key: storefront }), 404, 'not_found');
      expect((await api.get(`/v1/products/${draft.id}`, { key: partner })).status).toBe(200);
      expectProblem(await api.get(`/v1/products/${draft.id}`, { key: otherPartner }), 404, 'not_found');
      expectProblem(await api.patch(`/v1/products/${draft.id}`, { priceVnd: 1 }, { key: otherPartner }), 404, 'not_found');

      const activated = await api.patch(`/v1/products/${draft.id}`, { status: 'active', priceVnd: 70000 }, { key: partner });
      expect(activated.body).toMatchObject({ status: 'active', priceVnd: 70000 });
      expect((await api.get(`/v1/products/${draft.id}`, { key: storefront })).status).toBe(200);

      await api.patch(`/v1/products/${draft.id}`, { status: 'paused' }, { key: partner });
      expectProblem(await api.get(`/v1/products/${draft.id}`, { key: storefront }), 404);
      const listed = await api.get(`/v1/products?sellerId=${sellerId}&limit=100`, { key: storefront });
      expect((listed.body.items as { id: string }[]).map((p) => p.id)).not.toContain(draft.id);
    });

    it('stops showing expired OCOP ratings and certifications', async () => {
      const res = await api.post(
        '/v1/products',
        product({
          name: 'Bưởi Diễn',
          ocopStars: 4,
          ocopCertificateNo: 'OCOP-HN-2019-001',
          ocopValidUntil: '2022-12-31',
          certifications: [
            { scheme: 'VietGAP', certificateNo: 'VG-OLD', validUntil: '2023-01-01' },
            { scheme: 'organic', certificateNo: 'ORG-NEW', validUntil: '2099-01-01' },
          ],
        }),
        { key: partner },
      );
      expect(res.status).toBe(201);
      expect(res.body.ocopStars).toBeNull();
      expect((res.body.certifications as { certificateNo: string }[]).map((c) => c.certificateNo)).toEqual(['ORG-NEW']);
    });
  });

  describe('Vietnamese search', () => {
    let searchSeller: string;
    const names: [name: string, categoryId: string, priceVnd: number, originProvinceCode?: string][] = [
      ['Cà phê Buôn Ma Thuột rang xay', 'ca-phe-rang-xay', 180000],
      ['Vải thiều Lục Ngạn', 'vai-nhan-chom-chom', 55000],
      ['Gạo ST25 Sóc Trăng', 'gao-dac-san', 38000],
      ['Chè Shan tuyết Hà Giang', 'che-shan-tuyet', 250000],
      ['Mật ong hoa nhãn Hưng Yên', 'mat-ong', 220000],
      ['Nước mắm Phú Quốc 40 độ đạm', 'nuoc-mam', 95000],
      ['Gạo thơm ST 25 túi 5 kg', 'gao-dac-san', 140000],
      // Named without their place: found by their origin province.
      ['Rau mầm hữu cơ', 'rau-an-la', 30000, '79'],
      ['Hạt điều rang muối', 'dau-hat', 260000, '75'],
    ];

    beforeAll(async () => {
      searchSeller = (await api.post('/v1/sellers', seller({ name: 'Hợp tác xã Tìm Kiếm' }), { key: partner })).body.id;
      for (const [name, categoryId, priceVnd, originProvinceCode] of names) {
        const res = await api.post('/v1/products', product({ sellerId: searchSeller, name, categoryId, priceVnd, originProvinceCode }), {
          key: partner,
        });
        expect(res.status).toBe(201);
      }
    });

    const top = async (q: string) => {
      const res = await api.get(`/v1/products?sellerId=${searchSeller}&q=${encodeURIComponent(q)}`, { key: storefront });
      expect(res.status).toBe(200);
      return (res.body.items as { name: string }[]).map((p) => p.name);
    };

    it.each([
      ['ca phe', 'Cà phê Buôn Ma Thuột rang xay'],
      ['cafe', 'Cà phê Buôn Ma Thuột rang xay'],
      ['Cà Phê', 'Cà phê Buôn Ma Thuột rang xay'],
      ['vai thieu', 'Vải thiều Lục Ngạn'],
      ['vải thiều', 'Vải thiều Lục Ngạn'],
      ['vai thiue', 'Vải thiều Lục Ngạn'],
      ['gao st25', 'Gạo ST25 Sóc Trăng'],
      ['shan tuyet', 'Chè Shan tuyết Hà Giang'],
      ['mat ong', 'Mật ong hoa nhãn Hưng Yên'],
      ['nuoc mam phu quoc', 'Nước mắm Phú Quốc 40 độ đạm'],
      ['nuoc mam phu quok', 'Nước mắm Phú Quốc 40 độ đạm'],
      ['shan tuyett', 'Chè Shan tuyết Hà Giang'],
      ['gao soc tra', 'Gạo ST25 Sóc Trăng'],
      ['ca phe buon me thuot', 'Cà phê Buôn Ma Thuột rang xay'],
    ])('"%s" finds "%s" first', async (q, expected) => {
      expect((await top(q))[0]).toBe(expected);
    });

    it.each([
      ['cà phê Ban Mê Thuột', ['Cà phê Buôn Ma Thuột rang xay']],
      ['BMT', ['Cà phê Buôn Ma Thuột rang xay']],
      ['gạo ST 25', ['Gạo ST25 Sóc Trăng', 'Gạo thơm ST 25 túi 5 kg']],
      ['gao st25', ['Gạo ST25 Sóc Trăng', 'Gạo thơm ST 25 túi 5 kg']],
      ['ST-25', ['Gạo ST25 Sóc Trăng', 'Gạo thơm ST 25 túi 5 kg']],
      ['Sài Gòn', ['Rau mầm hữu cơ']],
      ['saigon', ['Rau mầm hữu cơ']],
      ['TP.HCM', ['Rau mầm hữu cơ']],
      ['HCM', ['Rau mầm hữu cơ']],
      ['tphcm', ['Rau mầm hữu cơ']],
      ['Thành phố Hồ Chí Minh', ['Rau mầm hữu cơ']],
      ['rau mầm Sài Gòn', ['Rau mầm hữu cơ']],
      // Provinces merged in 2025: Bình Phước into Đồng Nai, Bắc Giang (Lục Ngạn) into Bắc Ninh.
      ['hạt điều Bình Phước', ['Hạt điều rang muối']],
      ['hat dieu dong nai', ['Hạt điều rang muối']],
      ['vải thiều Bắc Giang', ['Vải thiều Lục Ngạn']],
      ['Hà Nội', []],
    ])('"%s" finds exactly %j (place names, old and new, and product codes)', async (q, expected) => {
      expect((await top(q)).sort()).toEqual([...expected].sort());
    });

    it('finds nothing for an unrelated word', async () => {
      expect(await top('điện thoại')).toEqual([]);
    });

    it('answers a cached storefront page with the same body under one ETag, 304 to If-None-Match, a new one after a change', async () => {
      const path = `/v1/products?sellerId=${searchSeller}&q=${encodeURIComponent('mật ong')}`;
      const first = await api.get(path, { key: storefront });
      const again = await api.get(path, { key: storefront });
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/"[0-9a-f-]{36}"$/);
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.body).toEqual(first.body);
      expect(first.body.items[0]).toMatchObject({ name: 'Mật ong hoa nhãn Hưng Yên', traceUrl: null });
      // Over plain HTTP: fetch() adds Cache-Control: no-cache to a conditional request, which
      // rightly makes the server answer in full.
      const unchanged = await new Promise<number | undefined>((resolve, reject) =>
        get(`${api.base}${path}`, { headers: { Authorization: `Bearer ${storefront}`, 'If-None-Match': etag! } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        }).on('error', reject),
      );
      expect(unchanged).toBe(304);
      // A partner's change clears the catalog's pages: the next answer is a new version.
      const id = first.body.items[0].id as string;
      expect((await api.patch(`/v1/products/${id}`, { stock: 99 }, { key: partner })).status).toBe(200);
      const changed = await api.get(path, { key: storefront });
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(changed.body.items[0]).toMatchObject({ id, stock: 99 });
      // Partners read their own listings unversioned (never from the storefront cache).
      const own = await api.get(path, { key: partner });
      expect(own.status).toBe(200);
      expect(own.headers.get('etag')).not.toMatch(/^W\/"[0-9a-f-]{36}"$/);
    });

    it('ranks a product-name match above a seller-name or description match', async () => {
      // The seller's name says "Cà phê" and a description says "vải thiều": those products match,
      // but below the product whose own name says it.
      const coffeeSeller = (await api.post('/v1/sellers', seller({ name: 'Hợp tác xã Cà phê Vải thiều' }), { key: partner })).body.id;
      const listings = [
        { name: 'Mộc nhĩ rừng Tây Bắc', categoryId: 'nam', description: 'Mộc nhĩ phơi khô.' },
        { name: 'Mật ong hoa nhãn', categoryId: 'mat-ong', description: 'Ong lấy mật quanh vườn vải thiều.' },
        { name: 'Vải thiều sấy khô', categoryId: 'trai-cay-say', description: 'Sấy lạnh.' },
        { name: 'Cà phê Arabica Cầu Đất', categoryId: 'ca-phe-rang-xay', description: 'Rang mộc.' },
      ];
      for (const l of listings)
        expect((await api.post('/v1/products', product({ sellerId: coffeeSeller, ...l }), { key: partner })).status).toBe(201);
      const names = async (q: string) =>
        (
          (await api.get(`/v1/products?sellerId=${coffeeSeller}&q=${encodeURIComponent(q)}`, { key: storefront })).body.items as {
            name: string;
          }[]
        ).map((p) => p.name);
      for (const q of ['ca phe', 'cafe']) {
        const found = await names(q);
        expect(found[0]).toBe('Cà phê Arabica Cầu Đất');
        expect(found).toContain('Mộc nhĩ rừng Tây Bắc');
      }
      const lychee = await names('vai thieu');
      expect(lychee[0]).toBe('Vải thiều sấy khô');
      expect(lychee.indexOf('Mật ong hoa nhãn')).toBeGreaterThan(0);
    });

    it('pages through equally ranked matches by relevance without repeats or gaps', async () => {
      // Every product of the seller matches through the seller's name only, with one score.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/v1/products?sellerId=${searchSeller}&q=${encodeURIComponent('hợp tác xã tìm kiếm')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await api.get(url, { key: storefront });
        expect(res.status).toBe(200);
        seen.push(...(res.body.items as { name: string }[]).map((p) => p.name));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect([...seen].sort()).toEqual(names.map(([name]) => name).sort());
    });

    it('filters by price range and sorts by price, across pages without repeats', async () => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/v1/products?sellerId=${searchSeller}&minPriceVnd=50000&maxPriceVnd=250000&sort=price_asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await api.get(url, { key: storefront });
        expect(res.status).toBe(200);
        seen.push(...(res.body.items as { priceVnd: number }[]).map((p) => p.priceVnd));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual([55000, 95000, 140000, 180000, 220000, 250000]);
    });

    it('filters by category (a parent covers its children)', async () => {
      const res = await api.get(`/v1/products?sellerId=${searchSeller}&categoryId=ca-phe`, { key: storefront });
      expect((res.body.items as { name: string }[]).map((p) => p.name)).toEqual(['Cà phê Buôn Ma Thuột rang xay']);
    });
  });

  describe('product by id from the gateway’s cache (ADR 0055)', () => {
    it('answers storefronts from the cache and follows a change made elsewhere (a reservation) and through the API', async () => {
      const p = (
        await api.post('/v1/products', product({ name: 'Bưởi da xanh Bến Tre (đệm)', categoryId: 'cay-co-mui', stock: 20 }), {
          key: partner,
        })
      ).body;
      const read = () => api.get(`/v1/products/${p.id}`, { key: storefront });
      // Once the gateway's consumer is live, a read fills the cache and the next one is that answer.
      await eventually(
        async () => {
          const [a, b] = [await read(), await read()];
          return a.headers.get('etag')?.startsWith('W/"p-') && a.headers.get('etag') === b.headers.get('etag');
        },
        30000,
        'an answer from the cache',
      );
      expect((await read()).body.stock).toBe(20);
      // The same product asked with its id in capitals: one product, one entry.
      const upper = () => api.get(`/v1/products/${(p.id as string).toUpperCase()}`, { key: storefront });
      expect((await upper()).body.stock).toBe(20);

      // The catalog reserves 3 for an order: the gateway learns it only from the product's event.
      const kafka = testKafka('product-cache-test');
      const producer = kafka.producer();
      await producer.connect();
      const [orderId, subOrderId] = [uuidv7(), uuidv7()];
      const placed = newEvent(
        OrderPlacedV1,
        orderId,
        { orderId, placedAt: new Date().toISOString(), subOrders: [{ subOrderId, sellerId, lines: [{ productId: p.id, quantity: 3 }] }] },
        '/test/orders',
      );
      await producer.send({ topic: Topics.ordersEvents, messages: [{ key: orderId, value: JSON.stringify(placed) }] });
      await producer.disconnect();
      await eventually(async () => (await read()).body.stock === 17, 30000, 'the reservation shown to storefronts');
      expect((await upper()).body.stock).toBe(17);

      // Changes through this gateway show at once; paused, the product is gone for storefronts.
      expect((await api.patch(`/v1/products/${p.id}`, { priceVnd: 71000 }, { key: partner })).status).toBe(200);
      expect((await read()).body).toMatchObject({ priceVnd: 71000, stock: 17 });
      expect((await api.patch(`/v1/products/${p.id}`, { status: 'paused' }, { key: partner })).status).toBe(200);
      expect((await read()).status).toBe(404);
      expect((await api.get(`/v1/products/${p.id}`, { key: partner })).body.status).toBe('paused');
    });
  });

  describe('stock reservation saga', () => {
    it('reserves exactly the stock there is when 50 orders race for 10 units', async () => {
      const p = (
        await api.post('/v1/products', product({ name: 'Sầu riêng Ri6 (lô giới hạn)', categoryId: 'trai-cay-nhiet-doi', stock: 10 }), {
          key: partner,
        })
      ).body;
      const kafka = testKafka('saga-test');
      const producer = kafka.producer();
      await producer.connect();
      const orders = Array.from({ length: 50 }, () => ({ orderId: uuidv7(), subOrderId: uuidv7() }));
      await producer.send({
        topic: Topics.ordersEvents,
        messages: orders.map((o) => {
          const e = newEvent(
            OrderPlacedV1,
            o.orderId,
            {
              orderId: o.orderId,
              placedAt: new Date().toISOString(),
              subOrders: [{ subOrderId: o.subOrderId, sellerId, lines: [{ productId: p.id, quantity: 1 }] }],
            },
            '/test/orders',
          );
          return { key: o.orderId, value: JSON.stringify(e) };
        }),
      });
      const outcomes = new Map<string, string>();
      const consumer = kafka.consumer({ groupId: `saga-reader-${uuidv7()}`, maxWaitTimeInMs: 50 });
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.catalogEvents, fromBeginning: true });
      const ids = new Set(orders.map((o) => o.subOrderId));
      await consumer.run({
        eachMessage: async ({ message }) => {
          const e = JSON.parse(message.value!.toString()) as { type: string; data: { subOrderId?: string } };
          if (e.data.subOrderId && ids.has(e.data.subOrderId) && e.type !== 'catalog.stock.released.v1')
            outcomes.set(e.data.subOrderId, e.type);
        },
      });
      await eventually(async () => outcomes.size === 50, 60000, 'all 50 outcomes');
      const reserved = [...outcomes.values()].filter((t) => t === 'catalog.stock.reserved.v1').length;
      const rejected = [...outcomes.values()].filter((t) => t === 'catalog.stock.rejected.v1').length;
      expect({ reserved, rejected }).toEqual({ reserved: 10, rejected: 40 });
      expect((await api.get(`/v1/products/${p.id}`, { key: partner })).body.stock).toBe(0);

      // Releasing one reserved sub-order gives its unit back, once (the event is sent twice).
      const winner = [...outcomes.entries()].find(([, t]) => t === 'catalog.stock.reserved.v1')![0];
      const order = orders.find((o) => o.subOrderId === winner)!;
      const release = newEvent(
        SubOrderReleasedV1,
        order.orderId,
        { orderId: order.orderId, subOrderId: winner, reason: 'cancelled' },
        '/test/orders',
      );
      await producer.send({
        topic: Topics.ordersEvents,
        messages: [
          { key: order.orderId, value: JSON.stringify(release) },
          { key: order.orderId, value: JSON.stringify(release) },
        ],
      });
      await eventually(async () => (await api.get(`/v1/products/${p.id}`, { key: partner })).body.stock === 1, 20000, 'stock back to 1');
      await new Promise((r) => setTimeout(r, 1000));
      expect((await api.get(`/v1/products/${p.id}`, { key: partner })).body.stock).toBe(1);
      await consumer.disconnect();
      await producer.disconnect();
    });
  });
});
