import { DynamicModule, Module, type Type } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import { DeliveryAttempt } from './delivery/delivery-attempt.entity';
import { DeliveryWorker } from './delivery/delivery-worker.service';
import { Delivery } from './delivery/delivery.entity';
import { DeliveryRepository } from './delivery/delivery.repository';
import { EndpointRepository } from './endpoints/endpoint.repository';
import { EndpointsController } from './endpoints/endpoints.controller';
import { EndpointsService } from './endpoints/endpoints.service';
import { WebhookEndpoint } from './endpoints/webhook-endpoint.entity';
import { DomainEventsProjector } from './events/domain-events.projector';
import { FeedController } from './events/feed.controller';
import { FeedPositionRecord } from './events/feed-position.entity';
import { FeedService } from './events/feed.service';
import { OrderRoute } from './events/order-route.entity';
import { PublicEventRecord } from './events/public-event.entity';
import { PublicEventPublisher } from './events/public-event.publisher';
import { PublicEventRepository } from './events/public-event.repository';
import { ResourceSequence } from './events/resource-sequence.entity';
import { SuspendedProduct } from './events/suspended-product.entity';
import { Notifications1765100000000 } from './migrations/1765100000000-notifications';
import type { NotificationsEnv } from './notifications.env';
import { NOTIFICATIONS_ENV } from './notifications.tokens';

export const NOTIFICATIONS = 'notifications';
export const NOTIFICATIONS_ENTITIES: Type[] = [
  WebhookEndpoint,
  PublicEventRecord,
  Delivery,
  DeliveryAttempt,
  ResourceSequence,
  FeedPositionRecord,
  OrderRoute,
  SuspendedProduct,
];
export const NOTIFICATIONS_MIGRATIONS: Type[] = [Notifications1765100000000];

/**
 * Webhooks and the event feed: the other contexts' events as public events per owner (stored 30
 * days: the feed), signed deliveries with retries to each matching endpoint. Owns the
 * `<prefix>_notifications` database; reads no other service's tables.
 */
@Module({})
export class NotificationsModule {
  static forRoot(env: NotificationsEnv): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [...serviceModules({ service: NOTIFICATIONS, env, entities: NOTIFICATIONS_ENTITIES, migrations: NOTIFICATIONS_MIGRATIONS })],
      controllers: [EndpointsController, FeedController],
      providers: [
        { provide: NOTIFICATIONS_ENV, useValue: env },
        EndpointRepository,
        PublicEventRepository,
        DeliveryRepository,
        PublicEventPublisher,
        DomainEventsProjector,
        EndpointsService,
        FeedService,
        DeliveryWorker,
      ],
    };
  }
}
