import { pendingSchemaChanges } from '@app/persistence';
import { withMessagingTables } from '@app/messaging';
import { CATALOG_ENTITIES, CATALOG_MIGRATIONS } from '../../apps/catalog/src/catalog.module';
import { GATEWAY_ENTITIES, GATEWAY_MIGRATIONS } from '../../apps/gateway/src/gateway.module';
import { NOTIFICATIONS_ENTITIES, NOTIFICATIONS_MIGRATIONS } from '../../apps/notifications/src/notifications.module';
import { ORDERS_ENTITIES, ORDERS_MIGRATIONS } from '../../apps/orders/src/orders.module';
import { SETTLEMENT_ENTITIES, SETTLEMENT_MIGRATIONS } from '../../apps/settlement/src/settlement.module';
import { TRACEABILITY_ENTITIES, TRACEABILITY_MIGRATIONS } from '../../apps/traceability/src/traceability.module';
import { migratedDataSource } from '../support/infra';

/**
 * Entities and migrations must agree: after every migration ran on an empty database, TypeORM
 * must find nothing left to change. A new column without its migration fails here.
 */
describe('schema drift', () => {
  const services = {
    catalog: { entities: CATALOG_ENTITIES, migrations: CATALOG_MIGRATIONS },
    orders: { entities: ORDERS_ENTITIES, migrations: ORDERS_MIGRATIONS },
    traceability: { entities: TRACEABILITY_ENTITIES, migrations: TRACEABILITY_MIGRATIONS },
    settlement: { entities: SETTLEMENT_ENTITIES, migrations: SETTLEMENT_MIGRATIONS },
    notifications: { entities: NOTIFICATIONS_ENTITIES, migrations: NOTIFICATIONS_MIGRATIONS },
  };

  it('gateway: migrations produce exactly the entities’ schema', async () => {
    const ds = await migratedDataSource('drift_gateway', { entities: GATEWAY_ENTITIES, migrations: GATEWAY_MIGRATIONS });
    try {
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it.each(Object.entries(services))('%s: migrations produce exactly the entities’ schema', async (name, schema) => {
    const ds = await migratedDataSource(`drift_${name}`, withMessagingTables(schema));
    try {
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
