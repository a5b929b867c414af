import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { vnDate, vnDayStart } from '../../../shared/calendar/index.ts';
import { type Db, rows } from '../../db/client.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { notifyMany } from '../notifications/index.ts';
import { cycleLabel, reportContacts, reportsCalendar, submissionLink } from './cycles.ts';

/** How many working days before the due date an agency is reminded. */
export const REMIND_WORKING_DAYS = 2;

interface DueRow {
  id: string;
  agency_id: string;
  due_date: string;
  year: number;
  period: number;
  cycle: string;
  name: string;
}

const ddmmyyyy = (d: string) => d.split('-').reverse().join('/');

/**
 * The daily reminders of periodic reports (issue 20): every submission of an open cycle not yet sent
 * (draft or returned) whose due date is within two working days or past. Each submission is reminded
 * at most once per day (Vietnam): `reminded_at` is set in the same statement that picks it, inside
 * the job's transaction with the notices, so a rerun the same day — or after a restart — sends
 * nothing twice. The notices go to the agency's clerks and leaders (notifications queue their mail).
 * Returns how many submissions were reminded.
 */
export async function sendReportReminders(db: Db, now: Date): Promise<number> {
  const today = vnDate(now);
  const soon = reportsCalendar().addWorkingDays(today, REMIND_WORKING_DAYS);
  const dayStart = new Date(vnDayStart(today));
  const due = await rows<DueRow>(
    db,
    sql`WITH due AS (
          SELECT s.id FROM report_submissions s JOIN report_cycles c ON c.id = s.cycle_id
           WHERE c.status = 'open' AND c.due_date <= ${soon}::date AND s.status IN ('draft', 'returned')
             AND (s.reminded_at IS NULL OR s.reminded_at < ${dayStart.toISOString()}::timestamptz)
           ORDER BY c.due_date, s.id LIMIT 20000 FOR UPDATE OF s SKIP LOCKED)
        UPDATE report_submissions s SET reminded_at = ${now.toISOString()}::timestamptz
          FROM due, report_cycles c, report_templates t
         WHERE s.id = due.id AND c.id = s.cycle_id AND t.id = c.template_id
        RETURNING s.id, s.agency_id, c.due_date::text AS due_date, c.year, c.period, t.cycle, t.name`,
  );
  if (due.length === 0) return 0;
  const contacts = await reportContacts(db, [...new Set(due.map((d) => d.agency_id))]);
  await notifyMany(
    db,
    due.map((d) => {
      const late = d.due_date < today;
      const label = `${d.name} – ${cycleLabel(d.cycle, d.year, d.period)}`;
      return {
        personIds: contacts.get(d.agency_id) ?? [],
        notice: {
          kind: late ? 'reports.overdue' : 'reports.due_soon',
          title: late
            ? `Quá hạn gửi báo cáo ${label} (hạn ${ddmmyyyy(d.due_date)})`
            : `Sắp đến hạn gửi báo cáo ${label} (hạn ${ddmmyyyy(d.due_date)})`,
          body: 'Báo cáo chưa được gửi cho cơ quan chuyên trách công nghệ thông tin.',
          link: submissionLink(d.id),
          dedupeKey: `reports:remind:${d.id}:${today}`,
        },
      };
    }),
  );
  return due.length;
}

/** The daily job (schedule in module.ts): reminders for today in Vietnam. */
export const reportRemindersJob = defineJob('reports.reminders', z.object({}), (env) => ({
  run: async ({ db }) => {
    await sendReportReminders(db, env.now());
  },
}));
