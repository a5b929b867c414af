import { and, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { STATUS } from '../../../../shared/services/statuses.ts';
import type { Db } from '../../../db/client.ts';
import { defineJob, defineSchedule, type JobDefinition } from '../../../platform/jobs/index.ts';
import { notifyMany } from '../../notifications/index.ts';
import { holdersByAgency } from '../../people/index.ts';
import { serviceDossiers } from '../schema.ts';
import { dueSoonLimit } from './view.ts';

/**
 * Prompts the desk (clerks and leaders of the agency) for the apology and new date (Mẫu 04) of every
 * dossier in progress that is due by the end of the next working day and not yet finished: the letter
 * must go out before the due date passes. Once per dossier and promise (a new date prompts again).
 * Returns how many dossiers were prompted.
 */
export async function promptApologies(db: Db, now: Date): Promise<number> {
  const d = serviceDossiers;
  const due = await db
    .select({ id: d.id, code: d.code, agencyId: d.agencyId, dueAt: d.dueAt })
    .from(d)
    .where(
      and(
        inArray(d.status, [STATUS.accepted, STATUS.processing]),
        isNotNull(d.dueAt),
        lte(d.dueAt, dueSoonLimit(now)),
        sql`${d.dueAt} >= ${now.toISOString()}::timestamptz`,
      ),
    )
    .limit(5000);
  if (due.length === 0) return 0;
  const agencies = [...new Set(due.map((x) => x.agencyId))];
  const [clerks, leaders] = await Promise.all([
    holdersByAgency(db, agencies, 'clerk'),
    holdersByAgency(db, agencies, 'agency_leader'),
  ]);
  await notifyMany(
    db,
    due.map((x) => ({
      personIds: [...(clerks.get(x.agencyId) ?? []), ...(leaders.get(x.agencyId) ?? [])],
      notice: {
        kind: 'services.due_soon',
        title: `Hồ sơ ${x.code} sắp đến hạn trả kết quả`,
        body: 'Nếu không kịp trả kết quả đúng hẹn, hãy gửi văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04) trước khi hết hạn.',
        link: `/mot-cua/ho-so/${x.id}`,
        dedupeKey: `services-due:${x.id}:${x.dueAt?.toISOString()}`,
      },
    })),
  );
  return due.length;
}

export const dueSoonJob = defineJob('services.due_soon', z.object({}), (env) => ({
  run: async ({ db }) => {
    await promptApologies(db, env.now());
  },
}));

export const deskJobs: JobDefinition[] = [dueSoonJob];

/** Every working morning at 07:30 and again at 13:30, Vietnam time. */
export const deskSchedules = [defineSchedule('services.due_soon', '30 7,13 * * 1-5', dueSoonJob, {})];
