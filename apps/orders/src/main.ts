import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { OrdersEnv } from './orders.env';
import { ORDERS, OrdersModule } from './orders.module';

runServiceMain(ORDERS, OrdersEnv, (env) => OrdersModule.forRoot(env));
