import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { Outbox, withMessagingTables } from '@app/messaging';
import { ensureDatabase, runMigrations, serviceDatabaseUrl, serviceDataSourceOptions } from '@app/persistence';
import { loadEnv } from '@app/platform';
import { CatalogEnv } from '../catalog.env';
import { CATALOG, CATALOG_ENTITIES, CATALOG_MIGRATIONS } from '../catalog.module';
import { CatalogGenerator } from './catalog-generator';
import { CatalogSeeder, type SeedPhase } from './catalog-seeder';
import { parseSeedArgs, SEED_USAGE } from './seed-options';
import { SeedRepository } from './seed.repository';

const PHASE_LABEL: Record<SeedPhase, string> = {
  sellers: 'người bán / sellers ',
  products: 'sản phẩm / products',
  vacuum: 'vacuum, analyze    ',
};

/**
 * `seed`: loads a realistic catalog into the catalog's own database, as the catalog service
 * itself would have written it (same migrations, same outbox, events relayed by the running
 * service). Reads DATABASE_URL and DB_NAME_PREFIX like the service.
 */
async function main(): Promise<void> {
  const options = parseSeedArgs(process.argv.slice(2));
  if (options === 'help') {
    console.log(SEED_USAGE);
    return;
  }
  const env = loadEnv(CatalogEnv);
  const url = serviceDatabaseUrl(env.DATABASE_URL, env.DB_NAME_PREFIX, CATALOG);
  await ensureDatabase(url);
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url,
      ...withMessagingTables({ entities: CATALOG_ENTITIES, migrations: CATALOG_MIGRATIONS }),
      poolSize: options.writers + 1,
      applicationName: `${CATALOG}-seed`,
    }),
  );
  await dataSource.initialize();
  const bar = new SingleBar(
    {
      format: '{phase} |{bar}| {percentage}% {value}/{total} {rate}/s ETA {eta_formatted}',
      noTTYOutput: true,
      notTTYSchedule: 2000,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  try {
    const migrated = await runMigrations(dataSource);
    const generator = new CatalogGenerator({
      seed: options.seed,
      sellers: options.sellers,
      partners: options.partners,
      anchor: new Date(`${options.asOf}T00:00:00+07:00`),
    });
    const seeder = new CatalogSeeder(dataSource, new SeedRepository(dataSource), new Outbox(`/nongsan/${CATALOG}`), generator);
    console.log(
      `seeding ${new URL(url).pathname.slice(1)}${migrated ? ` (applied ${migrated} migrations)` : ''}: ${options.sellers} sellers, ` +
        `${options.products} products, seed ${options.seed}, batches of ${options.batchSize}, ${options.writers} writers`,
    );
    let phase: SeedPhase | undefined;
    let phaseStart = Date.now();
    const result = await seeder.run(options, (p, done, total) => {
      if (p !== phase) {
        if (phase) bar.stop();
        phase = p;
        phaseStart = Date.now();
        bar.start(total, done, { phase: PHASE_LABEL[p], rate: 0 });
        return;
      }
      const seconds = (Date.now() - phaseStart) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    });
    bar.stop();
    console.log(
      `done in ${(result.ms / 1000).toFixed(1)} s: sellers ${result.sellersInserted} new, ${result.sellersSkipped} already there; ` +
        `products ${result.productsInserted} new, ${result.productsSkipped} already there; ${result.events} events in the outbox`,
    );
  } finally {
    bar.stop();
    await dataSource.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
