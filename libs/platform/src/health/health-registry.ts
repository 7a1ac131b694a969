import { Injectable } from '@nestjs/common';

export interface HealthProbe {
  /** Resolves with details when healthy; throws (or rejects) with the reason when not. */
  (): Promise<Record<string, unknown> | void>;
}

/**
 * What readiness depends on. Persistence registers the database, messaging the transport;
 * /health/ready reports each by name.
 */
@Injectable()
export class HealthRegistry {
  private readonly probes = new Map<string, HealthProbe>();

  register(name: string, probe: HealthProbe): void {
    this.probes.set(name, probe);
  }

  entries(): [string, HealthProbe][] {
    return [...this.probes.entries()];
  }
}
