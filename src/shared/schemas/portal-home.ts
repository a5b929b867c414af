import { z } from 'zod';

/** The portal home (trang điều hành): one request for what a leader looks at each morning. */

export const homeEntryView = z.object({
  id: z.uuid(),
  day: z.string(),
  session: z.enum(['morning', 'afternoon', 'evening']),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  content: z.string(),
  place: z.string(),
  chairText: z.string(),
  status: z.enum(['active', 'cancelled']),
  /** The person is chair, participant or following staff of it (else it is the agency's schedule). */
  mine: z.boolean(),
  /** A meeting from an invitation (not a line of a published week). */
  meeting: z.boolean(),
});
export type HomeEntryView = z.infer<typeof homeEntryView>;

export const homeAnnouncementView = z.object({
  id: z.uuid(),
  title: z.string(),
  pinned: z.boolean(),
  publishedAt: z.string(),
  agencyName: z.string(),
});

export const homeTaskView = z.object({
  id: z.uuid(),
  content: z.string(),
  leadAgencyName: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
});

export const homeView = z.object({
  today: z.string(),
  week: z.object({ isoYear: z.number().int(), isoWeek: z.number().int(), from: z.string(), to: z.string() }),
  schedule: z.array(homeEntryView),
  announcements: z.object({
    unread: z.number().int(),
    /** More unread than `unread` counts (shown as "50+"). */
    more: z.boolean(),
    items: z.array(homeAnnouncementView),
  }),
  tasks: z.object({
    dueSoon: z.number().int(),
    overdue: z.number().int(),
    inProgress: z.number().int(),
    items: z.array(homeTaskView),
  }),
  documents: z.array(z.object({ box: z.string(), count: z.number().int(), more: z.boolean() })),
});
export type HomeView = z.infer<typeof homeView>;
