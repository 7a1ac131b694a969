import { pendingSchemaChanges } from '@app/persistence';
import { withMessagingTables } from '@app/messaging';
import { CATALOG_ENTITIES, CATALOG_MIGRATIONS } from '../../apps/catalog/src/catalog.module';
import { migratedDataSource } from '../support/infra';

/**
 * Entities and migrations must agree: after every migration ran on an empty database, TypeORM
 * must find nothing left to change. A new column without its migration fails here.
 */
describe('schema drift', () => {
  const services = {
    catalog: { entities: CATALOG_ENTITIES, migrations: CATALOG_MIGRATIONS },
    orders: { entities: [], migrations: [] },
    traceability: { entities: [], migrations: [] },
    settlement: { entities: [], migrations: [] },
  };

  it.each(Object.entries(services))('%s: migrations produce exactly the entities’ schema', async (name, schema) => {
    const ds = await migratedDataSource(`drift_${name}`, withMessagingTables(schema));
    try {
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
