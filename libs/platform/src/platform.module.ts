import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ProblemFilter } from './errors/problem.filter';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';
import { loggingModule } from './logging/logging';
import { MetricsController } from './metrics/metrics.controller';
import { collectProcessMetrics } from './metrics/metrics';

export interface PlatformOptions {
  service: string;
  logLevel: string;
  /** Serve GET /metrics on the app's own HTTP port (default true); the gateway serves it on an internal port instead. */
  metricsRoute?: boolean;
}

/** Logging, health, metrics and the problem+json filter, the same in every app. */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    collectProcessMetrics();
    return {
      module: PlatformModule,
      imports: [loggingModule(options.service, options.logLevel), TerminusModule.forRoot({ logger: false })],
      controllers: options.metricsRoute === false ? [HealthController] : [HealthController, MetricsController],
      providers: [HealthRegistry, { provide: APP_FILTER, useClass: ProblemFilter }],
      exports: [HealthRegistry],
    };
  }
}
