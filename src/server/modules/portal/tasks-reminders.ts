import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { formatViDate, vnDate } from '../../../shared/calendar/index.ts';
import { type Db, rows } from '../../db/client.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { type Notice, notifyMany } from '../notifications/index.ts';
import { holdersByAgency } from '../people/index.ts';
import { dueSoonLimit, tasksCalendar } from './tasks-rules.ts';

/**
 * Reminders of task deadlines on `today` (YYYY-MM-DD, Vietnam): every task still in progress (no
 * result sent) due within 3 working days gets one "sắp đến hạn" notice, and once past its deadline one
 * "quá hạn" notice, to the lead agency's clerks and leaders (the overdue one also to the assigning
 * office's clerks). Once each: the notices' dedupe key (`tasks:due_soon:<id>`, `tasks:overdue:<id>`)
 * is unique per person, so a second run sends nothing new. Reads the due index (status, due_on).
 * Returns how many tasks were looked at.
 */
export async function sendTaskReminders(db: Db, today: string): Promise<number> {
  const limit = dueSoonLimit(tasksCalendar(), today);
  const due = await rows<{
    id: string;
    content: string;
    due_on: string;
    lead_agency_id: string;
    assigner_agency_id: string;
  }>(
    db,
    sql`SELECT id, content, due_on::text AS due_on, lead_agency_id, assigner_agency_id FROM tasks
         WHERE status = 'in_progress' AND due_on <= ${limit}::date ORDER BY due_on, id LIMIT 50000`,
  );
  if (due.length === 0) return 0;
  const leads = [...new Set(due.map((d) => d.lead_agency_id))];
  const assigners = [...new Set(due.map((d) => d.assigner_agency_id))];
  const clerks = await holdersByAgency(db, [...leads, ...assigners], 'clerk');
  const leaders = await holdersByAgency(db, leads, 'agency_leader');
  const list: { personIds: string[]; notice: Notice }[] = [];
  for (const d of due) {
    const overdue = d.due_on < today;
    const kind = overdue ? 'overdue' : 'due_soon';
    const notice: Notice = {
      kind: `tasks.${kind}`,
      title: overdue
        ? `Nhiệm vụ quá hạn (hạn ${formatViDate(d.due_on)})`
        : `Nhiệm vụ sắp đến hạn (hạn ${formatViDate(d.due_on)})`,
      body: d.content.slice(0, 300),
      link: `/nhiem-vu/${d.id}`,
      dedupeKey: `tasks:${kind}:${d.id}`,
    };
    const people = [...(clerks.get(d.lead_agency_id) ?? []), ...(leaders.get(d.lead_agency_id) ?? [])];
    if (overdue) people.push(...(clerks.get(d.assigner_agency_id) ?? []));
    list.push({ personIds: people, notice });
  }
  for (let i = 0; i < list.length; i += 500) await notifyMany(db, list.slice(i, i + 500));
  return due.length;
}

/** The daily job (schedule in module.ts): task reminders for today in Vietnam. */
export const taskRemindersJob = defineJob('portal.task_reminders', z.object({}), (env) => ({
  run: async ({ db }) => {
    await sendTaskReminders(db, vnDate(env.now()));
  },
}));
