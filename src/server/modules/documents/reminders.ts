import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { WorkingCalendar } from '../../../shared/calendar/index.ts';
import { rows } from '../../db/client.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { notify } from '../notifications/index.ts';
import { divisionHolders } from '../people/index.ts';
import { vnDate } from './registers.ts';

interface DueRow {
  assignment_id: string;
  document_id: string;
  summary: string;
  due_date: string;
  person_id: string | null;
  division_id: string | null;
}

/**
 * Daily reminders for open handling assignments: due within two working days, or overdue. Each
 * (assignment, kind) is reminded once (dedupe key), and the notice goes to the person, or to the
 * head of the assigned division. Runs as a durable scheduled job.
 */
export const deadlineReminders = defineJob('documents.deadline_reminders', z.object({}), {
  run: async ({ db }) => {
    const today = vnDate(new Date());
    const soon = new WorkingCalendar().addWorkingDays(today, 2);
    const due = await rows<DueRow>(
      db,
      sql`SELECT s.id AS assignment_id, d.id AS document_id, d.summary, s.due_date::text AS due_date, s.person_id, s.division_id
            FROM document_assignments s JOIN documents d ON d.id = s.document_id
           WHERE s.status = 'open' AND s.role <> 'info' AND s.due_date IS NOT NULL AND s.due_date <= ${soon}::date
             AND d.status = 'assigned'
           LIMIT 50000`,
    );
    for (const r of due) {
      const overdue = r.due_date < today;
      const people = r.person_id
        ? [r.person_id]
        : r.division_id
          ? await divisionHolders(db, [r.division_id], 'division_head')
          : [];
      await notify(db, people, {
        kind: overdue ? 'document.overdue' : 'document.due_soon',
        title: overdue
          ? `Văn bản quá hạn xử lý (hạn ${r.due_date.split('-').reverse().join('/')})`
          : `Văn bản sắp đến hạn xử lý (${r.due_date.split('-').reverse().join('/')})`,
        body: r.summary.slice(0, 300),
        link: `/van-ban/${r.document_id}`,
        dedupeKey: `${overdue ? 'overdue' : 'due'}:${r.assignment_id}`,
      });
    }
  },
});
