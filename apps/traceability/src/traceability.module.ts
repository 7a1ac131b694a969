import { DynamicModule, Module, type Type } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import type { TraceabilityEnv } from './traceability.env';

export const TRACEABILITY = 'traceability';
export const TRACEABILITY_ENTITIES: Type[] = [];
export const TRACEABILITY_MIGRATIONS: Type[] = [];

/** Lots, farm diary and supply-chain events (EPCIS 2.0), the tamper-evident chain, QR codes. Owns the `<prefix>_traceability` database. */
@Module({})
export class TraceabilityModule {
  static forRoot(env: TraceabilityEnv): DynamicModule {
    return {
      module: TraceabilityModule,
      imports: [...serviceModules({ service: TRACEABILITY, env, entities: TRACEABILITY_ENTITIES, migrations: TRACEABILITY_MIGRATIONS })],
    };
  }
}
