import { DynamicModule, Module, type Type } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import type { SettlementEnv } from './settlement.env';

export const SETTLEMENT = 'settlement';
export const SETTLEMENT_ENTITIES: Type[] = [];
export const SETTLEMENT_MIGRATIONS: Type[] = [];

/** COD: double-entry ledger, carrier remittances, reconciliation, payouts, statements. Owns the `<prefix>_settlement` database. */
@Module({})
export class SettlementModule {
  static forRoot(env: SettlementEnv): DynamicModule {
    return {
      module: SettlementModule,
      imports: [...serviceModules({ service: SETTLEMENT, env, entities: SETTLEMENT_ENTITIES, migrations: SETTLEMENT_MIGRATIONS })],
    };
  }
}
