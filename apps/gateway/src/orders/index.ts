import type { Type } from '@nestjs/common';
import { OrdersController } from './orders.controller';
import { ShipmentsController } from './shipments.controller';

/** REST controllers of the orders context (registered by the gateway module). */
export const ORDERS_CONTROLLERS: Type[] = [OrdersController, ShipmentsController];
