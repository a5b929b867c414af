import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { vnDate } from '../../../shared/calendar/index.ts';
import { DUE_SOON_DAYS } from '../../../shared/feedback/rules.ts';
import { type Db, rows } from '../../db/client.ts';
import { defineJob, defineSchedule, type JobDefinition } from '../../platform/jobs/index.ts';
import { notifyMany } from '../notifications/index.ts';
import { holdersByAgency } from '../people/index.ts';

/**
 * Reminders of open items due within DUE_SOON_DAYS or already past their limit (to classify and
 * forward, or to settle): to the settlers named on the case, else the agency's clerks and leaders.
 * Once per item, limit and day. The notice carries the code only — never the sender.
 * Returns how many items were reminded.
 */
export async function remindDue(db: Db, now: Date): Promise<number> {
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000);
  const due = await rows<{
    id: string;
    code: string;
    agency_id: string;
    due_at: Date | string;
    settlers: string[] | null;
  }>(
    db,
    sql`SELECT i.id, i.code, i.agency_id,
          CASE WHEN i.status = 'received' THEN i.classify_due_at ELSE i.settle_due_at END AS due_at,
          (SELECT array_agg(m.person_id) FROM feedback_case_members m WHERE m.item_id = i.id AND m.role = 'settler') AS settlers
        FROM feedback_items i
        WHERE i.status IN ('received', 'accepted')
          AND (CASE WHEN i.status = 'received' THEN i.classify_due_at ELSE i.settle_due_at END) < ${soon}
        LIMIT 10000`,
  );
  if (due.length === 0) return 0;
  const agencies = [...new Set(due.map((x) => x.agency_id))];
  const [clerks, leaders] = await Promise.all([
    holdersByAgency(db, agencies, 'clerk'),
    holdersByAgency(db, agencies, 'agency_leader'),
  ]);
  const today = vnDate(now);
  await notifyMany(
    db,
    due.map((x) => {
      const at = new Date(x.due_at);
      const late = at < now;
      const settlers = x.settlers ?? [];
      return {
        personIds: settlers.length
          ? settlers
          : [...(clerks.get(x.agency_id) ?? []), ...(leaders.get(x.agency_id) ?? [])],
        notice: {
          kind: late ? 'feedback.overdue' : 'feedback.due_soon',
          title: late ? `Đơn thư ${x.code} đã quá hạn xử lý` : `Đơn thư ${x.code} sắp đến hạn xử lý`,
          body: `Hạn: ${vnDate(at).split('-').reverse().join('/')}.`,
          link: `/phan-anh/${x.id}`,
          dedupeKey: `feedback-due:${x.id}:${at.toISOString()}:${today}`,
        },
      };
    }),
  );
  return due.length;
}

export const remindDueJob = defineJob('feedback.remind_due', z.object({}), (env) => ({
  run: async ({ db }) => {
    await remindDue(db, env.now());
  },
}));

export const feedbackJobs: JobDefinition[] = [remindDueJob];

/** Every working morning at 07:25, Vietnam time. */
export const feedbackSchedules = [defineSchedule('feedback.remind_due', '25 7 * * 1-5', remindDueJob, {})];
