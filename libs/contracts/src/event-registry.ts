import type { EventDefinition } from './cloud-event';

/**
 * Every event type the system knows. A consumer rejects (to the DLQ) an envelope whose type is
 * not here: it is either garbage or from a producer newer than this build.
 */
const registry = new Map<string, EventDefinition<unknown>>();

export function registerEvents(...definitions: EventDefinition<unknown>[]): void {
  for (const d of definitions) registry.set(d.type, d);
}

export function findEventDefinition(type: string): EventDefinition<unknown> | undefined {
  return registry.get(type);
}

export function registeredEventTypes(): string[] {
  return [...registry.keys()].sort();
}
