import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { SettlementEnv } from './settlement.env';
import { SETTLEMENT, SettlementModule } from './settlement.module';

runServiceMain(SETTLEMENT, SettlementEnv, (env) => SettlementModule.forRoot(env));
