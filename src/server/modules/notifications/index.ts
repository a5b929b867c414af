// What other modules may use from notifications.

export { notificationsModule } from './module.ts';
export { notificationRoutes } from './routes.ts';
export { notifications } from './schema.ts';
export { type Notice, noticesSql, notify, notifyMany } from './service.ts';
