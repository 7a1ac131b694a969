import type { DataSource } from 'typeorm';
import type { LotChainService } from '../../apps/traceability/src/chain/lot-chain.service';
import { farmEventToEpcis } from '../../apps/traceability/src/epcis/farm-event.mapper';
import type { Lot } from '../../apps/traceability/src/lots/lot.entity';
import type { LotRepository } from '../../apps/traceability/src/lots/lot.repository';
import { eventually } from '../support/infra';
import { lotChainBed, type LotChainBed } from '../support/lot-chain';

jest.setTimeout(120_000);

/**
 * Verification against appends committing while it runs, on a real PostgreSQL of its own: the lot's
 * recorded end and its entries are read in one snapshot, so an append lands in both or in neither,
 * never as a false `chain_altered` at the end.
 */
describe('traceability: verification while entries are appended', () => {
  let ds: DataSource;
  let lots: LotRepository;
  let chain: LotChainService;
  let newLot: LotChainBed['newLot'];

  beforeAll(async () => {
    ({ ds, lots, chain, newLot } = await lotChainBed('trace_snapshot'));
  });

  afterAll(async () => {
    await ds.destroy();
  });

  const entry = (lot: Lot, n: number) => ({
    epcis: farmEventToEpcis(
      {
        lotId: lot.id,
        kind: 'fertilizing',
        occurredAt: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(),
        recordedBy: 'Nguyễn Văn Thắng',
        input: 'NPK 16-16-8',
      },
      lot,
      '07465',
    ),
    source: 'diary' as const,
  });
  /** One entry appended in `manager`'s transaction, as the diary does. */
  const appendIn = async (manager: DataSource['manager'], lot: Lot) => {
    const locked = (await lots.lock(manager, lot.id))!;
    await chain.append(manager, locked, [entry(locked, locked.eventCount)]);
  };

  it('an append committed after the caller read the lot: verified with it, intact', async () => {
    const lot = await newLot();
    for (let i = 0; i < 3; i++) await ds.transaction((m) => appendIn(m, lot));
    // What the verify endpoint and the trace page do: read the lot, then verify it.
    const read = (await lots.findById(lot.id))!;
    await ds.transaction((m) => appendIn(m, lot));
    expect(await chain.verify(read)).toMatchObject({ intact: true, eventCount: 4, brokenAt: null });
  });

  it('an append committed between reading the lot’s end and reading its entries: verified as of before it, intact', async () => {
    const lot = await newLot();
    for (let i = 0; i < 3; i++) await ds.transaction((m) => appendIn(m, lot));
    const before = (await lots.findById(lot.id))!;
    // The append holds lot_events exclusively until it commits, so verification's read of the
    // entries has to wait for it: whatever verification read before that (the lot) is from before
    // the append, what it reads after is from after — unless both are read in one snapshot.
    const appender = ds.createQueryRunner();
    await appender.connect();
    await appender.startTransaction();
    try {
      await appender.query('LOCK TABLE lot_events IN ACCESS EXCLUSIVE MODE');
      const verdict = chain.verify(before);
      await eventually(
        async () =>
          (
            await ds.query<unknown[]>(
              `SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'lot_events'::regclass
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            )
          ).length > 0,
        20_000,
        'verification waiting to read the entries',
      );
      await appendIn(appender.manager, lot);
      await appender.commitTransaction();
      expect(await verdict).toMatchObject({ intact: true, eventCount: 3, brokenAt: null, headHash: before.chainHead });
    } finally {
      if (appender.isTransactionActive) await appender.rollbackTransaction();
      await appender.release();
    }
    expect(await chain.verify(before)).toMatchObject({ intact: true, eventCount: 4 });
  });
});
