// What other modules may use from portal (the reports of issue 20 will read task figures and
// schedules from here).

export { unreadAnnouncements } from './announcements.ts';
export { portalModule } from './module.ts';
export { entriesOfPerson, type PersonEntry } from './schedule.ts';
export { taskCountsFor, tasksScope } from './tasks.ts';
