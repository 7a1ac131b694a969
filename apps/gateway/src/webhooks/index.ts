import type { Type } from '@nestjs/common';
import { EventsController } from './events.controller';
import { WebhookEndpointsController } from './webhook-endpoints.controller';

/** REST controllers of webhooks and the event feed (registered by the gateway module). */
export const WEBHOOKS_CONTROLLERS: Type[] = [WebhookEndpointsController, EventsController];
