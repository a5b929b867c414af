import type { homeVi } from './home.ts';

/** English texts of the portal's home screens: loaded only with the English bundle (en.ts). */
export const homeEn: typeof homeVi = {
  title: 'Operations home',
  intro: '{{date}} · Week {{week}} of {{year}}',
  figures: 'Needs attention',
  tasksOverdue: 'Overdue tasks',
  tasksDueSoon: 'Tasks due soon',
  tasksInProgress: 'Tasks in progress',
  unread: 'Unread announcements',
  today: 'Today',
  todayEmpty: 'Nothing is scheduled today for you or your agency.',
  week: 'This week',
  weekEmpty:
    'No published schedule this week yet. Your agency’s schedule appears here once the office publishes it.',
  openSchedule: 'Open the work schedule',
  mine: 'Mine',
  meeting: 'Meeting',
  cancelled: 'Postponed/cancelled',
  announcements: 'New announcements',
  announcementsEmpty: 'No new announcements.',
  allAnnouncements: 'All announcements',
  pinned: 'Pinned',
  tasks: 'Tasks due and overdue',
  tasksEmpty: 'No task is due soon or overdue.',
  allTasks: 'All tasks',
  due: 'Due {{date}}',
  overdue: 'Overdue',
  lead: 'Lead: {{agency}}',
  more: '50+',
  sessions: { morning: 'Morning', afternoon: 'Afternoon', evening: 'Evening' },
};
