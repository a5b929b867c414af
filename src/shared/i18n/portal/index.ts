import { announcementsVi } from './announcements.ts';
import { feedsVi } from './feeds.ts';
import { homeVi } from './home.ts';
import { invitationsVi } from './invitations.ts';
import { scheduleVi } from './schedule.ts';
import { tasksVi } from './tasks.ts';

/**
 * The operational portal's Vietnamese texts (`t('portal.<area>.…')`). They are not in the bundle of
 * the sign-in route: the web adds them when a portal screen first loads (`loadPortalTexts` in
 * src/web/i18n.ts); vi.ts only carries their type, so keys are checked at compile time.
 */
export const portalVi = {
  schedule: scheduleVi,
  invitations: invitationsVi,
  tasks: tasksVi,
  announcements: announcementsVi,
  home: homeVi,
  feeds: feedsVi,
};

export type PortalTexts = typeof portalVi;
