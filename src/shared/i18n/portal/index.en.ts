import { announcementsEn } from './announcements.en.ts';
import { feedsEn } from './feeds.en.ts';
import { homeEn } from './home.en.ts';
import type { PortalTexts } from './index.ts';
import { invitationsEn } from './invitations.en.ts';
import { scheduleEn } from './schedule.en.ts';
import { tasksEn } from './tasks.en.ts';

/** The operational portal's English texts, loaded with its screens (see index.ts). */
export const portalEn: PortalTexts = {
  schedule: scheduleEn,
  invitations: invitationsEn,
  tasks: tasksEn,
  announcements: announcementsEn,
  home: homeEn,
  feeds: feedsEn,
};
