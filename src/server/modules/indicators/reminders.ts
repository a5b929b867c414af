import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import {
  addDays,
  type Period,
  type Periodicity,
  periodEnd,
  periodLabel,
  periodOf,
  previousPeriod,
} from '../../../shared/indicators/periods.ts';
import { formCalendar, formState } from '../../../shared/indicators/schedule.ts';
import type { Db } from '../../db/client.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { notifyMany } from '../notifications/index.ts';
import { holdersByAgency } from '../people/index.ts';
import { indicatorFormAgencies, indicatorForms, indicatorReminders, indicatorReports } from './schema.ts';

const ddmmyyyy = (d: string) => d.split('-').reverse().join('/');

/**
 * Reminders of report deadlines on `today` (YYYY-MM-DD, Vietnam): for each active form, each period
 * due soon (within 2 days of its due date) or overdue (and not yet locked), and each reporting
 * agency whose report is neither submitted nor approved, one notice per (form, agency, period,
 * kind) — indicator_reminders remembers which went out — to the agency's clerks (its officers
 * when it has no clerk). Notifications queue the mail of each notice (mail module's notice job).
 * Returns how many (form, agency, period, kind) were reminded.
 */
export async function sendReminders(db: Db, today: string): Promise<number> {
  const forms = await db.select().from(indicatorForms).where(eq(indicatorForms.active, true));
  let sent = 0;
  for (const form of forms) {
    const due: { p: Period; kind: 'due_soon' | 'overdue'; dueOn: string }[] = [];
    const oldest = addDays(today, -form.lockDays - 1);
    for (
      let p = periodOf(form.periodicity as Periodicity, today), n = 0;
      n < 60;
      p = previousPeriod(p), n++
    ) {
      if (periodEnd(p) < oldest) break;
      const cal = formCalendar(p, form);
      const s = formState(cal, today);
      if (s === 'due_soon' || s === 'overdue') due.push({ p, kind: s, dueOn: cal.dueOn });
    }
    if (due.length === 0) continue;
    const agencies = (
      await db
        .select({ agencyId: indicatorFormAgencies.agencyId })
        .from(indicatorFormAgencies)
        .where(eq(indicatorFormAgencies.formId, form.id))
    ).map((a) => a.agencyId);
    if (agencies.length === 0) continue;
    for (const { p, kind, dueOn } of due) {
      const done = await db
        .select({ agencyId: indicatorReports.agencyId })
        .from(indicatorReports)
        .where(
          and(
            eq(indicatorReports.formId, form.id),
            eq(indicatorReports.period, p.code),
            inArray(indicatorReports.status, ['submitted', 'approved']),
          ),
        );
      const skip = new Set(done.map((d) => d.agencyId));
      const pending = agencies.filter((a) => !skip.has(a));
      if (pending.length === 0) continue;
      // Once each: only the rows this run inserts are reminded.
      const fresh = await db
        .insert(indicatorReminders)
        .values(pending.map((agencyId) => ({ formId: form.id, agencyId, period: p.code, kind })))
        .onConflictDoNothing()
        .returning({ agencyId: indicatorReminders.agencyId });
      if (fresh.length === 0) continue;
      const ids = fresh.map((f) => f.agencyId);
      const clerks = await holdersByAgency(db, ids, 'clerk');
      const officers = await holdersByAgency(db, ids, 'officer');
      const label = periodLabel(p);
      await notifyMany(
        db,
        ids.map((agencyId) => {
          const c = clerks.get(agencyId) ?? [];
          return {
            personIds: c.length ? c : (officers.get(agencyId) ?? []),
            notice: {
              kind: kind === 'overdue' ? 'indicators.overdue' : 'indicators.due_soon',
              title:
                kind === 'overdue'
                  ? `Quá hạn báo cáo ${form.name} – ${label} (hạn ${ddmmyyyy(dueOn)})`
                  : `Sắp đến hạn báo cáo ${form.name} – ${label} (hạn ${ddmmyyyy(dueOn)})`,
              body: `Biểu mẫu ${form.code}, ${label}: báo cáo chưa được gửi.`,
              link: `/chi-tieu/nhap/${form.id}/${p.code}`,
              dedupeKey: `indicators:${kind}:${form.id}:${agencyId}:${p.code}`,
            },
          };
        }),
      );
      sent += fresh.length;
    }
  }
  return sent;
}

/** The daily job (schedule in module.ts): reminders for today in Vietnam. */
export const remindersJob = defineJob('indicators.reminders', z.object({}), (env) => ({
  run: async ({ db }) => {
    await sendReminders(db, vnDate(env.now()));
  },
}));
