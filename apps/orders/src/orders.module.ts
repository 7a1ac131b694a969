import { DynamicModule, Module } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import type { OrdersEnv } from './orders.env';

export const ORDERS = 'orders';

/** Orders split per seller, the stock-reservation saga, shipments, carrier status, shipping quotes. Owns the `<prefix>_orders` database. */
@Module({})
export class OrdersModule {
  static forRoot(env: OrdersEnv): DynamicModule {
    return {
      module: OrdersModule,
      imports: [...serviceModules({ service: ORDERS, env, entities: [], migrations: [] })],
    };
  }
}
