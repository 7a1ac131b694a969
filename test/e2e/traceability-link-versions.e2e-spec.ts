import type { DataSource } from 'typeorm';
import { runMigrations } from '@app/persistence';
import type { LotChainService } from '../../apps/traceability/src/chain/lot-chain.service';
import { farmEventToEpcis } from '../../apps/traceability/src/epcis/farm-event.mapper';
import type { Lot } from '../../apps/traceability/src/lots/lot.entity';
import type { LotRepository } from '../../apps/traceability/src/lots/lot.repository';
import { lotChainBed, type LotChainBed } from '../support/lot-chain';

jest.setTimeout(120_000);

/**
 * Link versions (ADR 0012) on a real PostgreSQL of its own: entries stored before the upgrade keep
 * their version-1 links, new ones are linked with version 2 over jsonb's text, a lot continued
 * across the upgrade verifies, and going back re-links only chains that verify.
 */
describe('traceability: chain link versions across the upgrade', () => {
  let ds: DataSource;
  let lots: LotRepository;
  let chain: LotChainService;
  let newLot: LotChainBed['newLot'];

  beforeAll(async () => {
    ({ ds, lots, chain, newLot } = await lotChainBed('trace_links'));
  });

  afterAll(async () => {
    await ds.destroy();
  });

  const append = (lot: Lot, kinds: ('planting' | 'fertilizing' | 'spraying' | 'harvesting')[]) =>
    ds.transaction(async (m) => {
      const locked = (await lots.lock(m, lot.id))!;
      const entries = kinds.map((kind, i) => {
        const occurredAt = new Date(Date.UTC(2026, 0, 1 + locked.eventCount + i)).toISOString();
        const req = {
          lotId: lot.id,
          kind,
          occurredAt,
          recordedBy: 'Nguyễn Văn Thắng',
          input: 'NPK 16-16-8',
          preHarvestIntervalDays: 7,
          quantity: 2.5,
        };
        return { epcis: farmEventToEpcis(req, locked, '07465'), source: 'diary' as const };
      });
      await chain.append(m, locked, entries);
    });
  const verify = async (lot: Lot) => chain.verify((await lots.findById(lot.id))!);
  const versions = async (lot: Lot) =>
    (await ds.query<{ link_version: number }[]>(`SELECT link_version FROM lot_events WHERE lot_id = $1 ORDER BY seq`, [lot.id])).map(
      (r) => r.link_version,
    );
  const setRecordTime = (lot: Lot, seq: number, time: string) =>
    ds.query(`UPDATE lot_events SET epcis = jsonb_set(epcis, '{recordTime}', to_jsonb($3::text)) WHERE lot_id = $1 AND seq = $2`, [
      lot.id,
      seq,
      time,
    ]);
  const recordTime = async (lot: Lot, seq: number) =>
    (await ds.query<{ t: string }[]>(`SELECT epcis->>'recordTime' AS t FROM lot_events WHERE lot_id = $1 AND seq = $2`, [lot.id, seq]))[0]
      .t;
  const hasLinkVersions = async () =>
    (await ds.query<unknown[]>(`SELECT 1 FROM information_schema.columns WHERE table_name = 'lot_events' AND column_name = 'link_version'`))
      .length > 0;

  /** Going back: the migrations after the link-versions one are undone first, then that one. */
  const undoLinkVersions = async () => {
    const last = async () => (await ds.query<{ name: string }[]>(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`))[0].name;
    while ((await last()) !== 'LotEventLinkVersions1765000000000') await ds.undoLastMigration({ transaction: 'each' });
    await ds.undoLastMigration({ transaction: 'each' });
  };

  it('links new entries with version 2, which verifies and catches a change to the stored record', async () => {
    const lot = await newLot();
    await append(lot, ['planting', 'fertilizing', 'spraying']);
    expect(await versions(lot)).toEqual([2, 2, 2]);
    expect(await verify(lot)).toMatchObject({ intact: true, eventCount: 3 });
    const original = await recordTime(lot, 2);
    await setRecordTime(lot, 2, '2020-01-01T00:00:00.000Z');
    expect(await verify(lot)).toMatchObject({ intact: false, brokenAt: 2, reason: 'chain_altered' });
    await setRecordTime(lot, 2, original);
    expect(await verify(lot)).toMatchObject({ intact: true, eventCount: 3 });
  });

  it('going back re-links with version 1 what verifies; forward again, old entries keep version 1, new ones get 2, and the whole chain verifies', async () => {
    const lot = await newLot();
    await append(lot, ['planting', 'fertilizing']);
    const headBefore = (await lots.findById(lot.id))!.chainHead;
    await undoLinkVersions();
    expect(await hasLinkVersions()).toBe(false);
    expect((await lots.findById(lot.id))!.chainHead).not.toBe(headBefore);
    // As a database of before the upgrade, migrated now.
    await runMigrations(ds);
    expect(await versions(lot)).toEqual([1, 1]);
    expect(await verify(lot)).toMatchObject({ intact: true, eventCount: 2 });
    await append(lot, ['spraying', 'harvesting']);
    expect(await versions(lot)).toEqual([1, 1, 2, 2]);
    expect(await verify(lot)).toMatchObject({ intact: true, eventCount: 4 });
    for (const seq of [1, 2, 3, 4]) {
      const original = await recordTime(lot, seq);
      await setRecordTime(lot, seq, '2020-01-01T00:00:00.000Z');
      expect({ seq, verdict: await verify(lot) }).toMatchObject({
        seq,
        verdict: { intact: false, brokenAt: seq, reason: 'chain_altered' },
      });
      await setRecordTime(lot, seq, original);
    }
    await ds.query(`UPDATE lot_events SET link_version = 2 WHERE lot_id = $1 AND seq = 2`, [lot.id]);
    expect(await verify(lot)).toMatchObject({ intact: false, brokenAt: 2, reason: 'chain_altered' });
    await ds.query(`UPDATE lot_events SET link_version = 1 WHERE lot_id = $1 AND seq = 2`, [lot.id]);
    expect(await verify(lot)).toMatchObject({ intact: true, eventCount: 4 });
  });

  it('going back refuses a chain that does not verify, rather than re-link an altered entry', async () => {
    const lot = await newLot();
    await append(lot, ['planting', 'fertilizing', 'spraying']);
    const original = await recordTime(lot, 2);
    await setRecordTime(lot, 2, '2020-01-01T00:00:00.000Z');
    await expect(undoLinkVersions()).rejects.toThrow(`lot ${lot.id}: entry 2 does not verify`);
    expect(await hasLinkVersions()).toBe(true);
    expect(await verify(lot)).toMatchObject({ intact: false, brokenAt: 2, reason: 'chain_altered' });
    await setRecordTime(lot, 2, original);
    expect(await verify(lot)).toMatchObject({ intact: true, eventCount: 3 });
  });
});
