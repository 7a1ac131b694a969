import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@app/contracts';

export const ON_EVENT_METADATA = 'nongsan:on-event';

/**
 * Marks a provider method as the handler of an event type. It is called as
 * `(event: CloudEvent<T>, manager: EntityManager)` inside a transaction that also records the
 * event in the inbox: write the effect (and any outgoing events) with that manager.
 */
export function OnEvent<T>(definition: EventDefinition<T>): MethodDecorator {
  return SetMetadata(ON_EVENT_METADATA, definition);
}
