/** Injection token of the validated NotificationsEnv. */
export const NOTIFICATIONS_ENV = Symbol('NOTIFICATIONS_ENV');
