import { DynamicModule, Module, type Type } from '@nestjs/common';
import { serviceModules } from '@app/messaging';
import type { OrdersEnv } from './orders.env';

export const ORDERS = 'orders';
export const ORDERS_ENTITIES: Type[] = [];
export const ORDERS_MIGRATIONS: Type[] = [];

/** Orders split per seller, the stock-reservation saga, shipments, carrier status, shipping quotes. Owns the `<prefix>_orders` database. */
@Module({})
export class OrdersModule {
  static forRoot(env: OrdersEnv): DynamicModule {
    return {
      module: OrdersModule,
      imports: [...serviceModules({ service: ORDERS, env, entities: ORDERS_ENTITIES, migrations: ORDERS_MIGRATIONS })],
    };
  }
}
