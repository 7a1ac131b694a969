import 'reflect-metadata';
import { runServiceMain } from '@app/messaging';
import { NotificationsEnv } from './notifications.env';
import { NOTIFICATIONS, NotificationsModule } from './notifications.module';

runServiceMain(NOTIFICATIONS, NotificationsEnv, (env) => NotificationsModule.forRoot(env));
