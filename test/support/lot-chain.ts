import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Outbox, withMessagingTables } from '@app/messaging';
import { LotChainService } from '../../apps/traceability/src/chain/lot-chain.service';
import { LotEventRepository } from '../../apps/traceability/src/chain/lot-event.repository';
import { Lot } from '../../apps/traceability/src/lots/lot.entity';
import { LotRepository } from '../../apps/traceability/src/lots/lot.repository';
import { TRACEABILITY_ENTITIES, TRACEABILITY_MIGRATIONS } from '../../apps/traceability/src/traceability.module';
import { migratedDataSource } from './infra';

/** A migrated traceability database of its own, with the service's chain code over it. */
export interface LotChainBed {
  ds: DataSource;
  lots: LotRepository;
  chain: LotChainService;
  /** An empty lot of a fresh seller, stored directly. */
  newLot(): Promise<Lot>;
}

/** For tests that append, verify and change rows on a real PostgreSQL without the rest of the service. */
export async function lotChainBed(database: string): Promise<LotChainBed> {
  const ds = await migratedDataSource(
    database,
    withMessagingTables({ entities: TRACEABILITY_ENTITIES, migrations: TRACEABILITY_MIGRATIONS }),
  );
  const lots = new LotRepository(ds);
  const chain = new LotChainService(new LotEventRepository(ds), lots, new Outbox('/test'));
  const newLot = async (): Promise<Lot> => {
    const code = uuidv7().replace(/-/g, '').slice(-8).toUpperCase();
    return ds.manager.save(
      Object.assign(new Lot(), {
        id: uuidv7(),
        sellerId: uuidv7(),
        partnerId: 'test',
        productName: 'Vải thiều Lục Ngạn',
        traceCode: code,
        gtin: '09520000000017',
        epcClass: `https://id.gs1.org/01/09520000000017/10/${code}`,
        harvestDate: null,
        area: null,
        quantity: null,
        unit: 'kg',
        certifications: [],
        eventCount: 0,
        chainHead: null,
      }),
    );
  };
  return { ds, lots, chain, newLot };
}
