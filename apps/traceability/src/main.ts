import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { TraceabilityEnv } from './traceability.env';
import { TRACEABILITY, TraceabilityModule } from './traceability.module';

runServiceMain(TRACEABILITY, TraceabilityEnv, (env) => TraceabilityModule.forRoot(env));
