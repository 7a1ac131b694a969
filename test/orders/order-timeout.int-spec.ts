import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { StockReservedV1, wardsOf } from '@app/contracts';
import { newEvent } from '@app/messaging';
import { loadEnv } from '@app/platform';
import { OrdersEnv } from '../../apps/orders/src/orders.env';
import { OrdersModule } from '../../apps/orders/src/orders.module';
import { OrderSaga } from '../../apps/orders/src/orders/order-saga.handler';
import { OrderSweeps } from '../../apps/orders/src/orders/order-sweeps';
import { OrderReadsService } from '../../apps/orders/src/fulfilment/order-reads.service';
import { OrdersService } from '../../apps/orders/src/orders/orders.service';
import { runId } from '../support/infra';

/**
 * The timeout path on a real database: an order whose stock answer never comes is rejected by
 * the sweep and its sub-orders released; a reservation that arrives afterwards is given back.
 */
describe('orders stuck pending', () => {
  let app: INestApplication;
  let ds: DataSource;
  const storefront = { keyId: 'storefront-timeout-test', role: 'storefront' as const };

  beforeAll(async () => {
    const env = loadEnv(OrdersEnv, {
      DATABASE_URL: process.env.DATABASE_URL,
      DB_NAME_PREFIX: `${runId()}_ot`,
      TRANSPORT: 'in-process',
      LOG_LEVEL: 'warn',
      ORDER_PENDING_TIMEOUT_MS: '1000',
      ORDER_SWEEP_INTERVAL_MS: '3600000',
    });
    app = await NestFactory.create(OrdersModule.forRoot(env), { logger: false });
    await app.init();
    ds = app.get(DataSource);
    const seller = {
      id: uuidv7(),
      partnerId: 'p1',
      name: 'Hộ ông Ba',
      phone: '+84912345678',
      provinceCode: '24',
      wardCode: wardsOf('24')[0].code,
      line: 'Thôn 1',
    };
    await ds.query(
      `INSERT INTO catalog_products (product_id, seller_id, name, unit, category_id, price_vnd, weight_grams, lot_id, visible, seller, snapshot_at)
       VALUES ($1, $2, 'Nhãn lồng', 'kg', 'vai-nhan-chom-chom', 50000, 1000, NULL, true, $3::jsonb, now())`,
      ['01a20000-0000-7000-8000-0000000000aa', seller.id, JSON.stringify(seller)],
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  const outboxTypes = async (orderId: string) =>
    (
      await ds.query<{ type: string; reason: string | null }[]>(
        `SELECT type, envelope->'data'->>'reason' AS reason FROM outbox WHERE message_key = $1 ORDER BY seq`,
        [orderId],
      )
    ).map((r) => `${r.type}${r.reason ? `:${r.reason}` : ''}`);

  it('rejects an order still pending after the timeout and releases its reservations, once', async () => {
    const orders = app.get(OrdersService);
    const placed = await orders.place(storefront, {
      buyer: { name: 'Lê Văn C', phone: '0903123456' },
      address: { provinceCode: '01', wardCode: wardsOf('01')[0].code, line: '1 Tràng Tiền' },
      items: [{ productId: '01a20000-0000-7000-8000-0000000000aa', quantity: 2 }],
      paymentMethod: 'cod',
    });
    expect(placed.status).toBe('pending');
    expect(await app.get(OrderSweeps).sweep()).toEqual({ timedOut: 0, expired: 0, completed: 0 });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await app.get(OrderSweeps).sweep()).timedOut).toBe(1);
    expect(await app.get(OrderSweeps).sweep()).toEqual({ timedOut: 0, expired: 0, completed: 0 });

    const view = await app.get(OrderReadsService).get(storefront, placed.id);
    expect(view).toMatchObject({ status: 'rejected', reason: 'timed out waiting for stock' });
    expect(view.subOrders[0].status).toBe('released');
    const emitted = [
      'orders.order.placed.v1',
      'orders.order.status-changed.v1:timed out waiting for stock',
      'orders.sub-order.released.v1:timed_out',
    ];
    expect(await outboxTypes(placed.id)).toEqual(emitted);

    // The catalog's answer arrives late. The release above follows the placement on the order's
    // key, so the catalog gives the stock back by itself: nothing more is emitted, nothing changes.
    const late = newEvent(
      StockReservedV1,
      placed.subOrders[0].id,
      { orderId: placed.id, subOrderId: placed.subOrders[0].id, lines: [] },
      '/test/catalog',
    );
    await ds.transaction((m) => app.get(OrderSaga).onReserved([late], m));
    expect((await app.get(OrderReadsService).get(storefront, placed.id)).status).toBe('rejected');
    expect(await outboxTypes(placed.id)).toEqual(emitted);
  });
});
