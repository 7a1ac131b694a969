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

export const ON_EVENTS_METADATA = 'nongsan:on-events';

/**
 * Like {@link OnEvent}, for handlers that do a run of events at once:
 * `(events: CloudEvent<T>[], manager: EntityManager)`, called with consecutive new events of the
 * type from one fetched batch, in their order (one at a time when a batch is redone event by
 * event). One set-based pass costs a few statements where one call per event cost a few each.
 */
export function OnEvents<T>(definition: EventDefinition<T>): MethodDecorator {
  return SetMetadata(ON_EVENTS_METADATA, definition);
}
