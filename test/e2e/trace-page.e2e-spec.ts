import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Api } from '../support/api';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Jest reads testTimeout only at the top level, not per project: these tests wait on Kafka round trips.
jest.setTimeout(120_000);
/** What a buyer sees: the public page opened in a real (headless) browser, as after scanning the QR code. */
describe('public trace page', () => {
  const api = new Api();
  let browser: Browser;
  let lot: { id: string; traceCode: string; traceUrl: string };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.`,
      );
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const partner = (await api.issueKey('partner')).key;
    const { wardsOf } = await import('@app/contracts');
    const wardCode = wardsOf('24')[0].code;
    const seller = await api.post(
      '/v1/sellers',
      {
        name: 'Hợp tác xã Nông nghiệp Phượng Sơn',
        kind: 'cooperative',
        phone: '0912 000 111',
        address: { provinceCode: '24', wardCode, line: 'Thôn Đồng Vành' },
      },
      { key: partner },
    );
    lot = (
      await api.post(
        '/v1/lots',
        {
          sellerId: seller.body.id,
          productName: 'Vải thiều Lục Ngạn',
          harvestDate: '2026-06-15',
          area: { plot: 'Thửa 12', areaM2: 5000 },
          quantity: 1200,
          unit: 'kg',
          certifications: [{ scheme: 'VietGAP', certificateNo: 'VG-BN-0456', issuer: 'QUACERT', validUntil: '2099-12-31' }],
        },
        { key: partner },
      )
    ).body;
    const diary = [
      { kind: 'planting', occurredAt: '2026-01-10T07:00:00+07:00', note: 'Trồng bổ sung 20 gốc' },
      {
        kind: 'spraying',
        occurredAt: '2026-06-12T06:00:00+07:00',
        input: 'Abamectin 3.6EC',
        inputAmount: 0.5,
        inputUnit: 'lít',
        preHarvestIntervalDays: 7,
      },
      { kind: 'harvesting', occurredAt: '2026-06-15T05:30:00+07:00', quantity: 1200 },
    ];
    for (const entry of diary) {
      const res = await api.post(`/v1/lots/${lot.id}/events`, { recordedBy: 'Nguyễn Văn Thắng', ...entry }, { key: partner });
      expect(res.status).toBe(201);
    }
    const product = await api.post(
      '/v1/products',
      {
        sellerId: seller.body.id,
        name: 'Vải thiều Lục Ngạn loại 1',
        categoryId: 'vai-nhan-chom-chom',
        unit: 'kg',
        priceVnd: 65000,
        stock: 100,
        weightGrams: 1000,
        ocopStars: 4,
        ocopCertificateNo: 'OCOP-BN-2025-0142',
        ocopValidUntil: '2099-06-30',
        lotId: lot.id,
      },
      { key: partner },
    );
    expect(product.status).toBe(201);
    // The product reaches traceability over Kafka; the page is cached a few seconds once rendered.
    await new Promise((r) => setTimeout(r, 2000));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows producer, farm, OCOP and certifications, the diary with its warning, and the verification', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const response = await page.goto(`${api.base}/t/${lot.traceCode.toLowerCase()}`);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('Vải thiều Lục Ngạn loại 1 — Truy xuất nguồn gốc');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('#trace-code').textContent()).toBe(`${lot.traceCode.slice(0, 4)}-${lot.traceCode.slice(4)}`);
    expect(await page.locator('#producer').textContent()).toBe('Hợp tác xã Nông nghiệp Phượng Sơn');
    expect(await page.locator('#farm').textContent()).toMatch(/^Thửa 12, .+, .*Bắc Ninh · diện tích 5\.000 m²$/);
    expect(await page.locator('#ocop').textContent()).toContain('★★★★☆ Sản phẩm OCOP 4 sao');
    expect(await page.locator('#certifications').textContent()).toContain('VietGAP số VG-BN-0456, QUACERT — còn hiệu lực đến 31/12/2099');
    const diary = await page.locator('#diary li[data-seq] > b').allTextContents();
    expect(diary).toEqual(['Gieo trồng', 'Phun thuốc BVTV', 'Thu hoạch']);
    const harvest = page.locator('#diary li[data-seq="3"]');
    expect(await harvest.textContent()).toContain('15/06/2026 05:30');
    expect(await harvest.locator('.warn').textContent()).toContain('chưa hết thời gian cách ly 7 ngày');
    expect(await page.locator('#journey').textContent()).toContain('Chưa có thông tin vận chuyển.');
    expect(await page.locator('#verification').textContent()).toMatch(/^✔ Nhật ký toàn vẹn: 3 sự kiện/);
    expect(await page.locator('script').count()).toBe(0);
    const shots = join(__dirname, '../../.data/screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'trace-page.png'), fullPage: true });
    await page.close();
  });

  it('answers an unknown code with a friendly Vietnamese 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${api.base}/t/ZZZZ-ZZZZ`);
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy mã truy xuất');
    await page.close();
  });
});
