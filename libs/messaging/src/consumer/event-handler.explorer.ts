import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { CloudEvent, EventDefinition } from '@app/contracts';
import type { EventHandlerBinding } from './event-dispatcher';
import { ON_EVENT_METADATA, ON_EVENTS_METADATA } from './on-event.decorator';

type HandlerMethod = (event: CloudEvent, manager: EntityManager) => Promise<void>;
type BatchHandlerMethod = (events: CloudEvent[], manager: EntityManager) => Promise<void>;

/** Finds every @OnEvent and @OnEvents method among the app's providers. */
@Injectable()
export class EventHandlerExplorer {
  private readonly logger = new Logger(EventHandlerExplorer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  bindings(service: string): EventHandlerBinding[] {
    const out: EventHandlerBinding[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[name] as HandlerMethod;
        const one = Reflect.getMetadata(ON_EVENT_METADATA, method) as EventDefinition<unknown> | undefined;
        const many = Reflect.getMetadata(ON_EVENTS_METADATA, method) as EventDefinition<unknown> | undefined;
        const definition = one ?? many;
        if (!definition) continue;
        const consumer = `${service}:${instance.constructor.name}.${name}`;
        if (many) {
          out.push({
            consumer,
            type: definition.type,
            handle: (event, manager) => (method as unknown as BatchHandlerMethod).call(instance, [event], manager),
            handleMany: (events, manager) => (method as unknown as BatchHandlerMethod).call(instance, events, manager),
          });
        } else {
          out.push({ consumer, type: definition.type, handle: (event, manager) => method.call(instance, event, manager) });
        }
        this.logger.debug(`${consumer} handles ${definition.type}${many ? ' (in runs)' : ''}`);
      }
    }
    return out;
  }
}
