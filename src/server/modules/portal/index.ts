// What other modules may use from portal.

export { unreadAnnouncements } from './announcements.ts';
export { portalModule } from './module.ts';
export { entriesOfPerson, type PersonEntry } from './schedule.ts';
