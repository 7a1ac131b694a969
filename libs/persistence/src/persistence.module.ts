import { DynamicModule, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HealthRegistry } from '@app/platform';
import { ensureDatabase } from './database-url';
import { runMigrations, serviceDataSourceOptions, type ServiceDataSourceOptions } from './data-source';

/**
 * A service's own PostgreSQL database through TypeORM: created if missing, migrated on start
 * under a lock, registered for readiness.
 */
@Module({})
export class PersistenceModule implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  static forService(options: () => ServiceDataSourceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => serviceDataSourceOptions(options()),
          dataSourceFactory: async (dsOptions) => {
            if (!dsOptions) throw new Error('no data source options');
            await ensureDatabase(options().url);
            const ds = await new DataSource(dsOptions).initialize();
            await runMigrations(ds);
            return ds;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }

  onModuleInit(): void {
    this.health.register('database', async () => {
      await this.dataSource.query('SELECT 1');
    });
  }
}
