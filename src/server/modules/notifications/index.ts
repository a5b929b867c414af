// What other modules may use from notifications.

export { notificationRoutes } from './routes.ts';
export { notifications } from './schema.ts';
export { type Notice, notify } from './service.ts';
