// What other modules may use from notifications.

export { notificationRoutes } from './routes.ts';
export { notifications } from './schema.ts';
export { findNotices, type Notice, type NoticeRow, noticesSql, notify, notifyMany } from './service.ts';
