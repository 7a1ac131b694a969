import type { DataSource } from 'typeorm';
import { GATEWAY_ENTITIES, GATEWAY_MIGRATIONS } from '../../apps/gateway/src/gateway.module';
import { IdempotencyRepository } from '../../apps/gateway/src/idempotency/idempotency.repository';
import { migratedDataSource, uniqueName } from '../support/infra';

/**
 * An Idempotency-Key claimed by a gateway that died before answering is not locked for the 48 h a
 * record lives: the claim is a lease, and once it runs out the next request with the key takes over.
 * An answered key keeps its answer for the full time.
 */
describe('idempotency claims are leases', () => {
  let ds: DataSource;
  let records: IdempotencyRepository;

  beforeAll(async () => {
    ds = await migratedDataSource('gateway_idem', { entities: GATEWAY_ENTITIES, migrations: GATEWAY_MIGRATIONS });
    records = new IdempotencyRepository(ds);
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('lets a retry take over a claim whose lease ran out, but not before', async () => {
    const key = uniqueName('lost-gateway');
    expect(await records.claim('k1', key, 'hash-a', 800)).toBe(true);
    // The gateway holding it dies here: neither complete nor release ever runs.
    expect(await records.claim('k1', key, 'hash-a', 800)).toBe(false);
    expect((await records.find('k1', key))?.state).toBe('in_progress');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await records.claim('k1', key, 'hash-a', 800)).toBe(true);
  });

  it('keeps an answered key for its whole time to live, whatever the lease was', async () => {
    const key = uniqueName('answered');
    expect(await records.claim('k1', key, 'hash-b', 500)).toBe(true);
    await records.complete('k1', key, 201, { id: 'x' }, 48);
    await new Promise((r) => setTimeout(r, 700));
    expect(await records.claim('k1', key, 'hash-b', 500)).toBe(false);
    expect(await records.find('k1', key)).toMatchObject({ state: 'completed', responseStatus: 201, responseBody: { id: 'x' } });
    const [{ hours }] = await ds.query<{ hours: number }[]>(
      `SELECT extract(epoch FROM expires_at - now()) / 3600 AS hours FROM idempotency_records WHERE idempotency_key = $1`,
      [key],
    );
    expect(Number(hours)).toBeGreaterThan(47);
  });
});
