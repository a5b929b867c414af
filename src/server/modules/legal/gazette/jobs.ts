import { and, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import { vnDate } from '../../../../shared/calendar/vn-time.ts';
import { PUBLISH_WITHIN_DAYS } from '../../../../shared/legal/gazette-api.ts';
import type { Db } from '../../../db/client.ts';
import { defineJob, defineSchedule, type JobDefinition } from '../../../platform/jobs/index.ts';
import { notifyMany } from '../../notifications/index.ts';
import { holdersByAgency } from '../../people/index.ts';
import { gazetteItems } from '../schema.ts';
import { addDays } from './rules.ts';
import { findItems, loadSettings } from './store.ts';

/**
 * Tells the gazette office's clerks and leaders, once per document, that a document received more
 * than 7 days ago is still not published (Law 80/2015 Art. 150). Returns how many were late.
 */
export async function remindLateItems(db: Db, today: string): Promise<number> {
  const settings = await loadSettings(db);
  if (!settings) return 0;
  // Received before the start of (today − 7 days) in Vietnam: the publication date has passed.
  const cutoff = new Date(`${addDays(today, -PUBLISH_WITHIN_DAYS)}T00:00:00+07:00`);
  const late = await findItems(
    db,
    and(inArray(gazetteItems.state, ['accepted', 'placed']), lt(gazetteItems.receivedAt, cutoff)),
    [],
    1000,
  );
  if (late.length === 0) return 0;
  const [clerks, leaders] = await Promise.all([
    holdersByAgency(db, [settings.officeAgencyId], 'clerk'),
    holdersByAgency(db, [settings.officeAgencyId], 'agency_leader'),
  ]);
  const people = [
    ...(clerks.get(settings.officeAgencyId) ?? []),
    ...(leaders.get(settings.officeAgencyId) ?? []),
  ];
  await notifyMany(
    db,
    late.map((i) => ({
      personIds: people,
      notice: {
        kind: 'legal.gazette',
        title: `Văn bản ${i.numberNotation} đã quá hạn 7 ngày đăng Công báo`,
        body: i.title,
        link: '/cong-bao',
        dedupeKey: `gazette-late:${i.id}`,
      },
    })),
  );
  return late.length;
}

/** The daily check of the publication deadline (its schedule: gazetteSchedules). */
export const gazetteDeadlinesJob = defineJob('legal.gazette_deadlines', z.object({}), (env) => ({
  run: async ({ db }) => {
    await remindLateItems(db, vnDate(env.now()));
  },
}));

export const gazetteJobs: JobDefinition[] = [gazetteDeadlinesJob];

/** For the legal module's descriptor (the lead wires it): every morning at 07:20, Vietnam time. */
export const gazetteSchedules = [
  defineSchedule('legal.gazette_deadlines', '20 7 * * *', gazetteDeadlinesJob, {}),
];
