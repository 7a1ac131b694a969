import type { Type } from '@nestjs/common';

/** REST controllers of the orders context (registered by the gateway module). */
export const ORDERS_CONTROLLERS: Type[] = [];
