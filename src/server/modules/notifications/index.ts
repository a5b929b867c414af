// What other modules may use from notifications.

export { notificationsModule } from './module.ts';
export { notificationRoutes } from './routes.ts';
export { findNotices, type Notice, type NoticeRow, noticesSql, notify, notifyMany } from './service.ts';
