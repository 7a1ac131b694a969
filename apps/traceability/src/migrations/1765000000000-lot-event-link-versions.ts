import type { MigrationInterface, QueryRunner } from 'typeorm';
import { genesisHash, linkHash, recordDigestV1, recordDigestV2 } from '../chain/chain-hash';

/**
 * Each entry records which definition of its link it uses (ADR 0012). Entries stored so far keep
 * version 1 and their links, which partners and `traceability.lot.event-recorded.v1` consumers
 * already hold; the service links new entries with version 2.
 */
export class LotEventLinkVersions1765000000000 implements MigrationInterface {
  name = 'LotEventLinkVersions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE lot_events ADD COLUMN link_version smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE lot_events ALTER COLUMN link_version DROP DEFAULT`);
    await q.query(`ALTER TABLE lot_events ADD CONSTRAINT lot_events_link_version CHECK (link_version IN (1, 2))`);
  }

  /**
   * Back to version 1 only: the version-2 entries of each lot are re-linked with version 1 from
   * the first of them on, and the lot's head follows. A lot whose stored chain does not verify is
   * refused rather than re-linked, so that going back cannot launder an altered entry.
   */
  async down(q: QueryRunner): Promise<void> {
    const lots = (await q.query(`SELECT DISTINCT lot_id FROM lot_events WHERE link_version = 2`)) as { lot_id: string }[];
    for (const { lot_id: lotId } of lots) {
      const [lot] = (await q.query(`SELECT event_count, chain_head FROM lots WHERE id = $1 FOR UPDATE`, [lotId])) as (
        { event_count: number; chain_head: string | null } | undefined
      )[];
      const rows = (await q.query(
        `SELECT id, seq, event_id, link_version, epcis::text AS record, chain_hash FROM lot_events WHERE lot_id = $1 ORDER BY seq`,
        [lotId],
      )) as { id: string; seq: number; event_id: string; link_version: number; record: string; chain_hash: string }[];
      let stored = genesisHash(lotId);
      let relinked = stored;
      for (const [i, r] of rows.entries()) {
        const v1 = recordDigestV1(JSON.parse(r.record) as Record<string, unknown>);
        const expected = linkHash(stored, r.event_id, r.link_version === 2 ? recordDigestV2(r.record) : v1);
        if (r.seq !== i + 1 || expected !== r.chain_hash) {
          throw new Error(`lot ${lotId}: entry ${i + 1} does not verify; not re-linking its chain (GET /v1/lots/${lotId}/verify)`);
        }
        stored = r.chain_hash;
        relinked = linkHash(relinked, r.event_id, v1);
        if (relinked !== r.chain_hash) await q.query(`UPDATE lot_events SET chain_hash = $2 WHERE id = $1`, [r.id, relinked]);
      }
      if (!lot || rows.length !== lot.event_count || stored !== lot.chain_head) {
        throw new Error(`lot ${lotId}: its head is not its last entry; not re-linking its chain (GET /v1/lots/${lotId}/verify)`);
      }
      await q.query(`UPDATE lots SET chain_head = $2 WHERE id = $1`, [lotId, relinked]);
    }
    await q.query(`ALTER TABLE lot_events DROP CONSTRAINT lot_events_link_version`);
    await q.query(`ALTER TABLE lot_events DROP COLUMN link_version`);
  }
}
