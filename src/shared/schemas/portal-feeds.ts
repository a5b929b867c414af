import { z } from 'zod';

/** Calendar subscriptions (iCalendar feeds) of the weekly schedules: shapes shared by server and web. */

export const FEED_SCOPES = ['person', 'agency', 'all'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export const feedInput = z.object({
  /** person: my own calendar · agency: an agency's schedule · all: every public schedule. */
  scope: z.enum(FEED_SCOPES),
  /** The agency of an agency feed; a person feed is always the signed-in person's own. */
  targetId: z.uuid().optional(),
  label: z.string().trim().max(200).optional(),
});
export type FeedInput = z.input<typeof feedInput>;

export const feedView = z.object({
  id: z.uuid(),
  scope: z.enum(FEED_SCOPES),
  targetId: z.uuid().nullable(),
  /** What the feed shows, in words ("Lịch công tác của Trương Văn Sáu"). */
  title: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type FeedView = z.infer<typeof feedView>;

/** The answer of a creation: the secret path, shown this once (only its SHA-256 is kept). */
export const createdFeedView = feedView.extend({
  /** "/lich/<token>.ics": the subscription address without the origin. */
  path: z.string(),
  /** The full address when the server knows its public URL (PUBLIC_URL), else null. */
  url: z.string().nullable(),
});
export type CreatedFeedView = z.infer<typeof createdFeedView>;

export const feedChoice = z.object({
  scope: z.enum(FEED_SCOPES),
  targetId: z.uuid().nullable(),
  title: z.string(),
});
export type FeedChoice = z.infer<typeof feedChoice>;

/** What the signed-in person may subscribe to, in the order the screen offers them. */
export const feedOptionsView = z.object({
  mine: feedChoice,
  agencies: z.array(feedChoice),
  province: feedChoice.nullable(),
  all: feedChoice,
});
export type FeedOptionsView = z.infer<typeof feedOptionsView>;
