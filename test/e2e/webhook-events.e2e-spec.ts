import { v7 as uuidv7 } from 'uuid';
import { ShipmentDeliveredV1, Topics, wardsOf } from '@app/contracts';
import { newEvent } from '@app/messaging';
import { Api } from '../support/api';
import { aShipmentFacts } from '../support/factories';
import { eventually, testKafka } from '../support/infra';
import { address, awaitOrderable, PartnerFixture } from '../support/marketplace';
import { verifyStandardWebhook, WebhookReceiver } from '../support/webhook-receiver';

/**
 * The other public event types on the real cluster: a carrier's shipment report reaches the
 * partner, the storefront and that carrier (and no other carrier); an operator's suspension of a
 * product reaches its partner; a seller's decline and a passed deadline reach the partner and the
 * storefront; a carrier's reconciled statement reaches that carrier and a paid payout the partners
 * of the sellers paid (and no other).
 */
jest.setTimeout(120000);

describe('webhooks: shipments, moderation, sellers’ answers and settlement', () => {
  const api = new Api();
  const receivers: WebhookReceiver[] = [];
  const receiver = async () => {
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    return r;
  };
  const register = async (key: string, url: string, eventTypes: string[]) => {
    const res = await api.post('/v1/webhook-endpoints', { url, eventTypes }, { key });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; secret: string };
  };

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('tells the partner, the storefront and the carrier of a shipment’s progress, and no other carrier', async () => {
    const partner = await new PartnerFixture(api).init();
    const storefront = (await api.issueKey('storefront')).key;
    const vnpost = (await api.issueKey('carrier', { carrierCode: 'VNPOST' })).key;
    const vtp = (await api.issueKey('carrier', { carrierCode: 'VTP' })).key;
    const product = await partner.product((await partner.seller('HTX Chè Thái Nguyên', '19')).id, { name: 'Chè búp Tân Cương' });
    await awaitOrderable(api, storefront, [product.id]);
    const [rP, rS, rC, rOther] = [await receiver(), await receiver(), await receiver(), await receiver()];
    const types = ['shipment.status_changed'];
    const endpoints = [
      await register(partner.key, rP.url, types),
      await register(storefront, rS.url, types),
      await register(vnpost, rC.url, types),
      await register(vtp, rOther.url, types),
    ];
    const placed = await api.post(
      '/v1/orders',
      {
        buyer: { name: 'Đỗ Thu', phone: '0903 111 222' },
        address: address('79'),
        items: [{ productId: product.id, quantity: 2 }],
        paymentMethod: 'cod',
        carrierCode: 'VNPOST',
      },
      { key: storefront },
    );
    expect(placed.status).toBe(201);
    const shipmentId = await eventually(
      async () => {
        const view = await api.get(`/v1/orders/${placed.body.id}`, { key: storefront });
        return (view.body.subOrders?.[0]?.shipmentId as string | null) ?? undefined;
      },
      30000,
      'the shipment',
    );
    // The carrier reports once the shipment is known to it (its request travels through the outbox first).
    let last: unknown;
    await eventually(
      async () => {
        const res = await api.post(
          `/v1/shipments/${shipmentId}/events`,
          { status: 'picked_up', occurredAt: new Date().toISOString(), trackingCode: 'EB123456789VN' },
          { key: vnpost },
        );
        last = [res.status, res.body];
        return res.status < 300;
      },
      30000,
      'the carrier report accepted',
    ).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`);
    });
    for (const [i, r] of [rP, rS, rC].entries()) {
      const got = await eventually(
        async () => r.of('shipment.status_changed').find((x) => x.body.data.shipmentId === shipmentId),
        30000,
        'shipment.status_changed',
      );
      expect(got.body.data).toMatchObject({
        orderId: placed.body.id,
        to: 'picked_up',
        trackingCode: 'EB123456789VN',
        carrierCode: 'VNPOST',
      });
      expect(verifyStandardWebhook(endpoints[i].secret, got)).toBe(true);
      expect(got.raw).not.toContain('903111222');
    }
    await new Promise((res) => setTimeout(res, 1000));
    expect(rOther.received.filter((x) => x.body.data.shipmentId === shipmentId)).toEqual([]);
    const otherFeed = await api.get('/v1/events?types=shipment.status_changed&limit=100', { key: vtp });
    expect(otherFeed.body.items.filter((e: { data: { shipmentId: string } }) => e.data.shipmentId === shipmentId)).toEqual([]);
  });

  it('tells the partner when an operator suspends one of its products, once', async () => {
    const partner = await new PartnerFixture(api).init();
    const r = await receiver();
    await register(partner.key, r.url, ['product.suspended']);
    const seller = await partner.seller('Hộ bà Sáu – dừa', '86');
    const product = await partner.product(seller.id, { name: 'Dừa sáp Cầu Kè' });
    const suspend = await api.post(
      `/v1/admin/products/${product.id}/suspension`,
      { suspended: true, reason: 'Ảnh sai sản phẩm' },
      { key: api.adminKey },
    );
    expect(suspend.status).toBe(200);
    const got = await eventually(
      async () => r.of('product.suspended').find((x) => x.body.data.productId === product.id),
      30000,
      'product.suspended',
    );
    expect(got.body.data).toMatchObject({ productId: product.id, sellerId: seller.id, name: 'Dừa sáp Cầu Kè' });
    // A later change of the suspended product is not announced again.
    await partner.api.patch(`/v1/products/${product.id}`, { stock: 5 }, { key: partner.key });
    await new Promise((res) => setTimeout(res, 1500));
    expect(r.of('product.suspended').filter((x) => x.body.data.productId === product.id)).toHaveLength(1);
  });
  it('tells the partner and the storefront that a seller declined a sub-order, and that another one’s deadline passed', async () => {
    const partner = await new PartnerFixture(api).init();
    const storefront = (await api.issueKey('storefront')).key;
    const types = ['sub_order.declined', 'sub_order.expired'];
    const [rP, rS, rOther] = [await receiver(), await receiver(), await receiver()];
    const endpoints = [await register(partner.key, rP.url, types), await register(storefront, rS.url, types)];
    await register((await new PartnerFixture(api).init()).key, rOther.url, types);
    const seller = await partner.seller('Hộ ông Bảy – thanh long', '51', 'manual');
    const product = await partner.product(seller.id, { name: 'Thanh long ruột đỏ' });
    await awaitOrderable(api, storefront, [product.id]);
    const place = async () => {
      const res = await api.post(
        '/v1/orders',
        {
          buyer: { name: 'Trần Thị Mai', phone: '0934 555 666' },
          address: address('79'),
          items: [{ productId: product.id, quantity: 1 }],
          paymentMethod: 'cod',
        },
        { key: storefront },
      );
      expect(res.status).toBe(201);
      return res.body as { id: string; subOrders: { id: string }[] };
    };
    const [toDecline, toExpire] = [await place(), await place()];
    const awaiting = (o: { id: string }) =>
      eventually(
        async () => {
          const v = await api.get(`/v1/orders/${o.id}`, { key: storefront });
          return v.body.subOrders?.[0]?.status === 'awaiting_seller' ? (v.body.subOrders[0].id as string) : undefined;
        },
        30000,
        'awaiting_seller',
      );
    const declinedSub = await awaiting(toDecline);
    const expiredSub = await awaiting(toExpire);
    const declined = await api.post(
      `/v1/orders/${toDecline.id}/sub-orders/${declinedSub}/decline`,
      { reason: 'out_of_stock', note: 'Mưa lớn, chưa thu hoạch được' },
      { key: partner.key },
    );
    expect(declined.status).toBe(200);
    for (const [i, r] of [rP, rS].entries()) {
      const got = await eventually(
        async () => r.of('sub_order.declined').find((x) => x.body.data.subOrderId === declinedSub),
        30000,
        'sub_order.declined',
      );
      expect(got.body.data).toMatchObject({ orderId: toDecline.id, sellerId: seller.id, status: 'declined', reason: 'out_of_stock' });
      expect(verifyStandardWebhook(endpoints[i].secret, got)).toBe(true);
    }
    // The second one is left unanswered: the cluster's sellers have 20 s (SELLER_ACCEPT_TIMEOUT_MS).
    for (const [i, r] of [rP, rS].entries()) {
      const got = await eventually(
        async () => r.of('sub_order.expired').find((x) => x.body.data.subOrderId === expiredSub),
        60000,
        'sub_order.expired',
      );
      expect(got.body.data).toMatchObject({ orderId: toExpire.id, sellerId: seller.id, status: 'expired', acceptBy: expect.any(String) });
      expect(verifyStandardWebhook(endpoints[i].secret, got)).toBe(true);
    }
    expect(rP.of('sub_order.expired').filter((x) => x.body.data.subOrderId === declinedSub)).toEqual([]);
    expect(rOther.received.filter((x) => [toDecline.id, toExpire.id].includes(x.body.data.orderId as string))).toEqual([]);
  });

  it('tells the carrier its statement was reconciled and the partner its seller was paid, and no other carrier or partner', async () => {
    // Carriers of the platform's list (CARRIER_CODES) that no other suite uses: their ledger and
    // statements are this test's alone.
    const carrierCode = 'NJV';
    const carrier = (await api.issueKey('carrier', { carrierCode })).key;
    const otherCarrier = (await api.issueKey('carrier', { carrierCode: 'JNT' })).key;
    const p = await api.issueKey('partner');
    const otherPartner = await new PartnerFixture(api).init();
    const [rC, rOtherC, rP, rOtherP] = [await receiver(), await receiver(), await receiver(), await receiver()];
    const carrierEp = await register(carrier, rC.url, ['remittance.reconciled']);
    await register(otherCarrier, rOtherC.url, ['remittance.reconciled']);
    const partnerEp = await register(p.key, rP.url, ['payout.paid']);
    await register(otherPartner.key, rOtherP.url, ['payout.paid']);
    const seller = await api.post(
      '/v1/sellers',
      {
        name: 'HTX Cà phê Cầu Đất',
        kind: 'cooperative',
        orderAcceptance: 'auto',
        phone: '0912345678',
        address: { provinceCode: '68', wardCode: wardsOf('68')[0].code, line: 'Thôn Cầu Đất' },
      },
      { key: p.key },
    );
    expect(seller.status).toBe(201);
    const sellerId = seller.body.id as string;
    // A delivered COD parcel, as the orders service announces it, makes the seller's share pending.
    const facts = aShipmentFacts({
      sellerId,
      partnerId: p.partnerId!,
      carrierCode,
      trackingCode: `${carrierCode}${uuidv7().replace(/-/g, '').slice(-12).toUpperCase()}`,
      itemsVnd: 300000,
    });
    const producer = testKafka('webhook-settlement-test').producer();
    await producer.connect();
    await producer.send({
      topic: Topics.ordersEvents,
      messages: [
        {
          key: facts.shipmentId,
          value: JSON.stringify(
            newEvent(
              ShipmentDeliveredV1,
              facts.shipmentId,
              { ...facts, deliveredAt: new Date().toISOString(), codCollectedVnd: facts.codVnd },
              '/test/orders',
            ),
          ),
        },
      ],
    });
    await producer.disconnect();
    const balance = async () => (await api.get(`/v1/sellers/${sellerId}/balance`, { key: p.key })).body;
    await eventually(async () => (await balance()).pendingVnd > 0, 30000, 'the share pending');

    // The carrier's statement: one matched line.
    const net = facts.codVnd - facts.shippingVnd - 2000;
    const batchId = `B-${uuidv7()}`;
    const statement = await api.post(
      '/v1/remittances',
      {
        batchId,
        bankTransferRef: 'FT26342000001',
        totalTransferredVnd: net,
        lines: [
          {
            trackingCode: facts.trackingCode,
            codCollectedVnd: facts.codVnd,
            shippingFeeVnd: facts.shippingVnd,
            codFeeVnd: 2000,
            returnFeeVnd: 0,
            netRemittedVnd: net,
            deliveredAt: new Date().toISOString(),
          },
        ],
      },
      { key: carrier },
    );
    expect(statement.status).toBe(202);
    const reconciled = await eventually(
      async () => rC.of('remittance.reconciled').find((x) => x.body.data.remittanceId === statement.body.id),
      60000,
      'remittance.reconciled',
    );
    expect(reconciled.body.data).toMatchObject({ remittanceId: statement.body.id, batchId, totalTransferredVnd: net });
    expect((reconciled.body.data.outcomes as { matched: { count: number } }).matched.count).toBe(1);
    expect(verifyStandardWebhook(carrierEp.secret, reconciled)).toBe(true);
    const view = await api.get(`/v1/remittances/${statement.body.id}`, { key: carrier });
    expect(view.body.status).toBe('reconciled');

    // The share is available: an operator pays it out and marks the transfers made.
    await eventually(async () => (await balance()).availableVnd > 0, 30000, 'the share available');
    const bank = await api.call('PUT', `/v1/sellers/${sellerId}/bank-account`, {
      key: p.key,
      body: { bankBin: '970436', accountNumber: '0071000123456', accountName: 'HTX CA PHE CAU DAT' },
    });
    expect(bank.status).toBe(200);
    const available = (await balance()).availableVnd as number;
    const payout = await api.post(
      '/v1/payouts',
      { minimumVnd: 1, reference: `P-${uuidv7()}`, sellerIds: [sellerId] },
      { key: api.adminKey },
    );
    expect(payout.status).toBe(201);
    expect((await api.post(`/v1/payouts/${payout.body.id}/paid`, {}, { key: api.adminKey })).body.status).toBe('paid');
    const paid = await eventually(
      async () => rP.of('payout.paid').find((x) => x.body.data.payoutId === payout.body.id),
      30000,
      'payout.paid',
    );
    expect(paid.body.data).toMatchObject({ payoutId: payout.body.id, totalVnd: available, items: [{ sellerId, amountVnd: available }] });
    expect(verifyStandardWebhook(partnerEp.secret, paid)).toBe(true);
    expect(paid.raw).not.toContain('0071000123456');

    await new Promise((res) => setTimeout(res, 1000));
    expect(rOtherC.received.filter((x) => x.body.data.remittanceId === statement.body.id)).toEqual([]);
    expect(rOtherP.received.filter((x) => x.body.data.payoutId === payout.body.id)).toEqual([]);
    const feed = await api.get('/v1/events?types=remittance.reconciled&limit=100', { key: carrier });
    expect(feed.body.items.map((e: { id: string }) => e.id)).toContain(reconciled.id);
  });
});
