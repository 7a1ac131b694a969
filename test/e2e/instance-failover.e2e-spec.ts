import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { Api } from '../support/api';
import { spawnApp, stopped, whenReady } from '../support/app-process';
import { address, awaitOrderable, PartnerFixture } from '../support/marketplace';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Issue 23's short fault test (the long one is `npm run fault -- --instances 2`): a second
 * instance of the orders service joins the test cluster's, takes half of the request partitions,
 * and is SIGKILLed while storefronts keep placing orders. The gateway sends the requests caught in
 * the dead instance's partitions to the live one, so placements never stop for long; the instance,
 * restarted under the same name, removes its dead member from the groups and is ready in seconds
 * (not after the 30 s session); stopped with SIGTERM, it drains and leaves without one request
 * failing.
 */
describe('an orders instance killed, restarted and stopped under load', () => {
  const api = new Api();
  const instance = `orders-failover-${process.env.TEST_RUN_ID ?? 'local'}`;
  const healthPort = Number(process.env.E2E_GATEWAY_PORT ?? 29000) + 40;
  let storefront: { key: string };
  let productId: string;
  let child: ChildProcess | undefined;
  const logFile = path.join(process.env.E2E_LOG_DIR ?? path.join(ROOT, '.data'), `${instance}.log`);

  const start = (): Promise<number> => {
    child = spawnApp(
      'orders',
      {
        TRANSPORT: 'kafka',
        NODE_ENV: 'test',
        // Its starts and stops (groups joined, earlier members removed) are what this test is about.
        LOG_LEVEL: 'info',
        DB_NAME_PREFIX: process.env.E2E_DB_NAME_PREFIX,
        HEALTH_PORT: String(healthPort),
        SERVICE_INSTANCE: instance,
        OUTBOX_POLL_MS: '200',
        SELLER_ACCEPT_TIMEOUT_MS: '20000',
        ORDER_SWEEP_INTERVAL_MS: '1000',
      },
      // Its log beside the cluster's (test-logs/<run>/), appended across its restarts.
      logFile,
    );
    return whenReady(child, healthPort, 'the second orders instance');
  };

  const stop = (signal: NodeJS.Signals) => stopped(child, signal);

  /** Storefronts placing orders without pause until `until()` says stop; every answer kept. */
  const placing = (clients: number, until: () => boolean) => {
    const answers: { at: number; status: number; ms: number }[] = [];
    const one = async () => {
      while (!until()) {
        const t0 = Date.now();
        const r = await api
          .post(
            '/v1/orders',
            {
              buyer: { name: 'Phạm Thị Hoa', phone: '0912 345 678' },
              address: address('79'),
              items: [{ productId, quantity: 1 }],
              paymentMethod: 'cod',
            },
            { key: storefront.key, headers: { 'Idempotency-Key': uuidv7() } },
          )
          .catch(() => ({ status: 0 }));
        answers.push({ at: Date.now(), status: r.status, ms: Date.now() - t0 });
      }
    };
    return Promise.all(Array.from({ length: clients }, one)).then(() => answers);
  };

  const longestGap = (answers: { at: number; status: number }[], from: number, to: number) => {
    const times = answers
      .filter((a) => a.status === 201)
      .map((a) => a.at)
      .sort((a, b) => a - b);
    let gap = 0;
    for (let k = 0; k + 1 < times.length; k++) if (times[k + 1] >= from && times[k] <= to) gap = Math.max(gap, times[k + 1] - times[k]);
    return gap;
  };

  beforeAll(async () => {
    storefront = await api.issueKey('storefront');
    const partner = await new PartnerFixture(api).init();
    const seller = await partner.seller('HTX rau sạch Đà Lạt', '68');
    productId = (await partner.product(seller.id, { name: 'Cải thảo Đà Lạt', categoryId: 'rau-cu', priceVnd: 18000, stock: 100000 })).id;
    await awaitOrderable(api, storefront.key, [productId]);
  }, 60_000);

  afterAll(async () => {
    await stop('SIGKILL');
  });

  it('keeps placing through a SIGKILL, is ready again in seconds, and stops with SIGTERM without a failed request', async () => {
    const firstStart = await start();
    // Let the group settle with both instances, each holding some of the request partitions.
    await new Promise((r) => setTimeout(r, 3000));

    let done = false;
    const load = placing(2, () => done);
    await new Promise((r) => setTimeout(r, 2000));
    const killedAt = Date.now();
    await stop('SIGKILL');
    await new Promise((r) => setTimeout(r, 3000));
    const readyMs = await start();
    const readyAt = Date.now();
    await new Promise((r) => setTimeout(r, 3000));
    const termAt = Date.now();
    await stop('SIGTERM');
    const termExited = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    done = true;
    const answers = await load;

    const failed = answers.filter((a) => a.status !== 201);
    const duringKill = answers.filter((a) => a.at >= killedAt && a.at <= readyAt);
    const figures = {
      firstStartMs: firstStart,
      readyAfterRestartMs: readyMs,
      killToReadyMs: readyAt - killedAt,
      sigtermExitMs: termExited - termAt,
      placed: answers.length,
      failed: failed.map((a) => a.status),
      gapAfterKillMs: longestGap(answers, killedAt, readyAt),
      gapAroundSigtermMs: longestGap(answers, termAt, termExited + 2000),
      slowestDuringKillMs: Math.max(0, ...duringKill.map((a) => a.ms)),
    };
    console.log(`instance failover: ${JSON.stringify(figures)}`);
    fs.appendFileSync(
      path.join(process.env.E2E_LOG_DIR ?? path.join(ROOT, '.data'), `${instance}.log`),
      `figures: ${JSON.stringify(figures)}\n`,
    );

    expect(figures.failed).toEqual([]);
    expect(duringKill.length).toBeGreaterThan(0);
    // Without the gateway's rerouting, placements stop until the instance is back. Without the
    // restart's eviction, the group waits for the dead member's session: ready ≥ 30 s after the kill
    // however fast the process starts (the figure, not the bound, is what docs/benchmarks.md reports).
    expect(figures.gapAfterKillMs).toBeLessThan(5000);
    expect(figures.killToReadyMs).toBeLessThan(29_000);
    expect(figures.gapAroundSigtermMs).toBeLessThan(5000);
  }, 180_000);
});
