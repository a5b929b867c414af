import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { vnDate, WorkingCalendar } from '../../../shared/calendar/index.ts';
import {
  type CycleInput,
  type CycleView,
  cyclePeriod,
  type LateItem,
  type ReportCycle,
  type SubmissionItem,
  type SubmissionStatus,
} from '../../../shared/reports/periodic.ts';
import { type Db, rows } from '../../db/client.ts';
import type { AuditWho } from '../../platform/audit/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, decodeKeyset, paginate } from '../../platform/http/pagination.ts';
import { activeUnits, agencyRowsSql, findAgencies } from '../agencies/index.ts';
import { notifyMany } from '../notifications/index.ts';
import { holdersByAgency } from '../people/index.ts';
import { reportCycles, reportSubmissions, reportTemplates } from './schema.ts';
import { assertConsolidator, type TemplateRow } from './templates.ts';

/*
 * Cycles (issue 20): a template issued for one period to a set of agencies, with a due date counted
 * in working days after the period end; each agency gets one submission. The IT department follows
 * who is late, closes the cycle when it has consolidated (nothing more is accepted).
 */

/** The installation's working calendar (no stored overrides yet, as in documents and tasks). */
export const reportsCalendar = () => new WorkingCalendar();

/** The link of a submission on the screens. */
export const submissionLink = (id: string) => `/bao-cao/dinh-ky/${id}`;

export type CycleRow = typeof reportCycles.$inferSelect;

const today = (ctx: { now(): Date }) => vnDate(ctx.now());
const iso = (v: unknown) => (v == null ? null : new Date(v as string | Date).toISOString());
const dayText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

export function cycleLabel(cycle: string, year: number, period: number): string {
  return cyclePeriod(cycle as ReportCycle, year, period)?.label ?? `${year}/${period}`;
}

/** The period and due date of a cycle of `template` for (year, period), or a 422 that says why not. */
export function cycleDates(template: Pick<TemplateRow, 'cycle' | 'dueDays'>, year: number, period?: number) {
  const cycle = template.cycle as ReportCycle;
  const p = cycle === 'year' ? (period ?? 0) : period;
  const msg =
    cycle === 'month'
      ? 'Báo cáo hằng tháng cần chọn tháng (1–12).'
      : cycle === 'half'
        ? 'Báo cáo 6 tháng cần chọn 6 tháng đầu năm (1) hoặc 6 tháng cuối năm (2).'
        : 'Báo cáo hằng năm không chọn tháng hay 6 tháng.';
  const dates = p === undefined ? null : cyclePeriod(cycle, year, p);
  if (!dates || p === undefined)
    throw new AppError('unprocessable', msg, { fields: [{ path: 'period', message: msg }] });
  return {
    period: p,
    ...dates,
    dueDate: reportsCalendar().addWorkingDays(dates.periodEnd, template.dueDays),
  };
}

type Counts = CycleView['counts'];
const ZERO: Counts = { assigned: 0, draft: 0, submitted: 0, returned: 0, accepted: 0, late: 0 };

async function countsOf(db: Db, ids: string[], on: string): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  if (ids.length === 0) return out;
  const found = await rows<Record<keyof Counts, string | number> & { cycle_id: string }>(
    db,
    sql`SELECT s.cycle_id, count(*) AS assigned,
               count(*) FILTER (WHERE s.status = 'draft') AS draft,
               count(*) FILTER (WHERE s.status = 'submitted') AS submitted,
               count(*) FILTER (WHERE s.status = 'returned') AS returned,
               count(*) FILTER (WHERE s.status = 'accepted') AS accepted,
               count(*) FILTER (WHERE s.status IN ('draft', 'returned') AND c.due_date < ${on}::date) AS late
          FROM report_submissions s JOIN report_cycles c ON c.id = s.cycle_id
         WHERE s.cycle_id = ANY(${sql.param(ids)}::uuid[])
         GROUP BY s.cycle_id`,
  );
  for (const r of found)
    out.set(r.cycle_id, {
      assigned: Number(r.assigned),
      draft: Number(r.draft),
      submitted: Number(r.submitted),
      returned: Number(r.returned),
      accepted: Number(r.accepted),
      late: Number(r.late),
    });
  return out;
}

/** Cycle rows (with their template) as the API shows them, with the counts of their submissions. */
export async function cycleViews(
  ctx: Ctx,
  list: { c: CycleRow; t: Pick<TemplateRow, 'name' | 'cycle'> }[],
): Promise<CycleView[]> {
  const counts = await countsOf(
    ctx.db,
    list.map((x) => x.c.id),
    today(ctx),
  );
  return list.map(({ c, t }) => ({
    id: c.id,
    templateId: c.templateId,
    templateName: t.name,
    cycle: t.cycle as ReportCycle,
    year: c.year,
    period: c.period,
    label: cycleLabel(t.cycle, c.year, c.period),
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    dueDate: c.dueDate,
    status: c.status as CycleView['status'],
    counts: counts.get(c.id) ?? { ...ZERO },
  }));
}

export async function findCycle(db: Db, id: string) {
  const [r] = await db
    .select({ c: reportCycles, t: reportTemplates })
    .from(reportCycles)
    .innerJoin(reportTemplates, eq(reportTemplates.id, reportCycles.templateId))
    .where(eq(reportCycles.id, id));
  return r;
}

/** The people told about an agency's report: its clerks and leaders (its officers when it has neither). */
export async function reportContacts(db: Db, agencyIds: string[]): Promise<Map<string, string[]>> {
  const [clerks, leaders, officers] = await Promise.all(
    ['clerk', 'agency_leader', 'officer'].map((role) => holdersByAgency(db, agencyIds, role)),
  );
  return new Map(
    agencyIds.map((a) => {
      const main = [...(clerks!.get(a) ?? []), ...(leaders!.get(a) ?? [])];
      return [a, main.length ? main : (officers!.get(a) ?? [])];
    }),
  );
}

/**
 * Issues a template for a period to agencies, in the caller's transaction: the cycle, one draft
 * submission per agency, the audit row and (unless `quiet`, as in the demo seed) a notice to each
 * agency. The caller has checked who may.
 */
export async function insertCycle(
  db: Db,
  who: AuditWho & { personId?: string },
  template: TemplateRow,
  input: { year: number; period?: number; agencyIds: string[] },
  opts: { quiet?: boolean; now: Date },
): Promise<CycleRow> {
  const dates = cycleDates(template, input.year, input.period);
  const label = dates.label;
  const [dup] = await db
    .select({ id: reportCycles.id })
    .from(reportCycles)
    .where(
      and(
        eq(reportCycles.templateId, template.id),
        eq(reportCycles.year, input.year),
        eq(reportCycles.period, dates.period),
      ),
    );
  if (dup)
    throw new AppError(
      'duplicate',
      `Mẫu «${template.name}» đã được giao cho kỳ ${label}; mỗi kỳ chỉ giao một lần.`,
    );
  const personId = 'personId' in who ? (who.personId ?? null) : null;
  const [c] = await db
    .insert(reportCycles)
    .values({
      templateId: template.id,
      year: input.year,
      period: dates.period,
      periodStart: dates.periodStart,
      periodEnd: dates.periodEnd,
      dueDate: dates.dueDate,
      issuedBy: personId,
      createdAt: opts.now,
    })
    .returning();
  const subs = await db
    .insert(reportSubmissions)
    .values(input.agencyIds.map((agencyId) => ({ cycleId: c!.id, agencyId, updatedAt: opts.now })))
    .returning({ id: reportSubmissions.id, agencyId: reportSubmissions.agencyId });
  await audit(db, who, {
    action: 'reports.cycle.issue',
    entityType: 'report_cycle',
    entityId: c!.id,
    detail: {
      templateId: template.id,
      code: template.code,
      year: input.year,
      period: dates.period,
      dueDate: dates.dueDate,
      agencies: input.agencyIds.length,
    },
  });
  if (!opts.quiet) {
    const contacts = await reportContacts(db, input.agencyIds);
    const due = dates.dueDate.split('-').reverse().join('/');
    await notifyMany(
      db,
      subs.map((s) => ({
        personIds: contacts.get(s.agencyId) ?? [],
        notice: {
          kind: 'reports.cycle_issued',
          title: `Yêu cầu báo cáo: ${template.name} – ${label} (hạn ${due})`,
          body: `Hạn gửi báo cáo: ${due}.`,
          link: submissionLink(s.id),
          dedupeKey: `reports:issued:${s.id}`,
        },
      })),
    );
  }
  return c!;
}

/** The agencies a cycle goes to: the ones named (active agencies, not divisions), or every agency below the root. */
async function assignedAgencies(ctx: Ctx, ids: string[] | undefined): Promise<string[]> {
  if (!ids) return (await activeUnits(ctx.db)).filter((u) => u.parentId !== null).map((u) => u.id);
  const unique = [...new Set(ids)];
  if (unique.length === 0)
    throw new AppError('unprocessable', 'Hãy chọn ít nhất một cơ quan, đơn vị phải báo cáo.', {
      fields: [{ path: 'agencyIds', message: 'Chưa chọn cơ quan, đơn vị nào.' }],
    });
  const found = await findAgencies(ctx.db, unique);
  const bad = unique.filter((id) => {
    const a = found.get(id);
    return a?.status !== 'active' || a.kind === 'division';
  });
  if (bad.length)
    throw new AppError(
      'unprocessable',
      `Có ${bad.length} cơ quan, đơn vị không tồn tại, đã ngừng hoạt động hoặc là phòng, ban bên trong cơ quan: không giao báo cáo được.`,
      { fields: bad.map((id) => ({ path: 'agencyIds', message: `Không giao được cho đơn vị ${id}.` })) },
    );
  return unique;
}

export async function issueCycle(ctx: Ctx, input: CycleInput): Promise<CycleView> {
  await assertConsolidator(ctx);
  const [template] = await ctx.db
    .select()
    .from(reportTemplates)
    .where(eq(reportTemplates.id, input.templateId));
  if (!template) throw notFound('Mẫu báo cáo');
  if (!template.active)
    throw new AppError(
      'conflict',
      `Mẫu «${template.name}» đã ngừng dùng; không giao báo cáo theo mẫu này được.`,
    );
  cycleDates(template, input.year, input.period); // a wrong period is refused before anything else
  const agencyIds = await assignedAgencies(ctx, input.agencyIds);
  if (agencyIds.length === 0)
    throw new AppError('unprocessable', 'Không có cơ quan, đơn vị nào đang hoạt động để giao báo cáo.');
  const c = await ctx.db.transaction((tx) =>
    insertCycle(
      tx,
      ctx.actor,
      template,
      { year: input.year, period: input.period, agencyIds },
      { now: ctx.now() },
    ),
  );
  return (await cycleViews(ctx, [{ c, t: template }]))[0]!;
}

export async function getCycle(ctx: Ctx, id: string): Promise<CycleView> {
  await assertConsolidator(ctx);
  const r = await findCycle(ctx.db, id);
  if (!r) throw notFound('Kỳ báo cáo');
  return (await cycleViews(ctx, [r]))[0]!;
}

export async function listCycles(
  ctx: Ctx,
  q: { status?: 'open' | 'closed'; limit: number; cursor?: string },
): Promise<{ items: CycleView[]; nextCursor: string | null }> {
  await assertConsolidator(ctx);
  const after = decodeKeyset(q.cursor);
  const found = await ctx.db
    .select({ c: reportCycles, t: { name: reportTemplates.name, cycle: reportTemplates.cycle } })
    .from(reportCycles)
    .innerJoin(reportTemplates, eq(reportTemplates.id, reportCycles.templateId))
    .where(
      and(
        q.status ? eq(reportCycles.status, q.status) : undefined,
        after
          ? or(
              lt(reportCycles.periodEnd, after[0]),
              and(eq(reportCycles.periodEnd, after[0]), lt(reportCycles.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(reportCycles.periodEnd), desc(reportCycles.id))
    .limit(q.limit + 1);
  const page = paginate(found, q.limit, (r) => [r.c.periodEnd, r.c.id]);
  return { items: await cycleViews(ctx, page.items), nextCursor: page.nextCursor };
}

export async function closeCycle(ctx: Ctx, id: string): Promise<CycleView> {
  await assertConsolidator(ctx);
  const r = await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(reportCycles).where(eq(reportCycles.id, id)).for('update');
    if (!c) throw notFound('Kỳ báo cáo');
    const found = await findCycle(tx, id);
    if (c.status === 'closed')
      throw new AppError('conflict', `Kỳ báo cáo ${cycleLabel(found!.t.cycle, c.year, c.period)} đã đóng.`);
    const [u] = await tx
      .update(reportCycles)
      .set({ status: 'closed', closedAt: ctx.now(), closedBy: ctx.actor.personId })
      .where(eq(reportCycles.id, id))
      .returning();
    await audit(tx, ctx.actor, {
      action: 'reports.cycle.close',
      entityType: 'report_cycle',
      entityId: id,
      detail: { templateId: c.templateId, year: c.year, period: c.period },
    });
    return { c: u!, t: found!.t };
  });
  return (await cycleViews(ctx, [r]))[0]!;
}

// --- Submission items: the lists of the agency, the IT department's follow-up, the late dashboard ---

interface ItemRow {
  id: string;
  cycle_id: string;
  agency_id: string;
  agency_name: string;
  sort_order: string;
  status: SubmissionStatus;
  submitted_at: unknown;
  year: number;
  period: number;
  cycle: string;
  template_name: string;
  due_date: unknown;
  period_end: unknown;
}

const ITEM_SELECT = sql`SELECT s.id, s.cycle_id, s.agency_id, a.name AS agency_name, a.sort_order, s.status,
       s.submitted_at, c.year, c.period, t.cycle, t.name AS template_name,
       c.due_date::text AS due_date, c.period_end::text AS period_end
  FROM report_submissions s
  JOIN report_cycles c ON c.id = s.cycle_id
  JOIN report_templates t ON t.id = c.template_id
  JOIN ${agencyRowsSql} a ON a.id = s.agency_id`;

export function isLate(status: string, dueDate: string, on: string): boolean {
  return (status === 'draft' || status === 'returned') && on > dueDate;
}

function itemOf(r: ItemRow, on: string): SubmissionItem {
  const due = dayText(r.due_date);
  return {
    id: r.id,
    cycleId: r.cycle_id,
    label: cycleLabel(r.cycle, r.year, r.period),
    templateName: r.template_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    status: r.status,
    dueDate: due,
    late: isLate(r.status, due, on),
    submittedAt: iso(r.submitted_at),
  };
}

/** The viewer's own agency's submissions, newest period first. */
export async function ownSubmissions(
  ctx: Ctx,
  q: { limit: number; cursor?: string },
): Promise<{ items: SubmissionItem[]; nextCursor: string | null }> {
  const agencyId = ctx.actor.agencyId;
  if (!agencyId) return { items: [], nextCursor: null };
  const after = decodeKeyset(q.cursor);
  const found = await rows<ItemRow>(
    ctx.db,
    sql`${ITEM_SELECT}
         WHERE s.agency_id = ${agencyId}
           ${after ? sql`AND (c.period_end, s.id) < (${after[0]}::date, ${after[1]}::uuid)` : sql``}
         ORDER BY c.period_end DESC, s.id DESC LIMIT ${q.limit + 1}`,
  );
  const on = today(ctx);
  const page = paginate(found, q.limit, (r) => [dayText(r.period_end), r.id]);
  return { items: page.items.map((r) => itemOf(r, on)), nextCursor: page.nextCursor };
}

/** Every assigned agency's submission of a cycle, in the tree's order: who has sent, who is late. */
export async function cycleSubmissions(
  ctx: Ctx,
  id: string,
  q: { status?: SubmissionStatus; late?: boolean; limit: number; cursor?: string },
): Promise<{ items: SubmissionItem[]; nextCursor: string | null }> {
  await assertConsolidator(ctx);
  if (!(await findCycle(ctx.db, id))) throw notFound('Kỳ báo cáo');
  const after = decodeCursor(q.cursor, 3);
  if (after && !after.every((x) => typeof x === 'string'))
    throw new AppError('bad_request', 'Tham số phân trang (cursor) không hợp lệ.');
  const on = today(ctx);
  const found = await rows<ItemRow>(
    ctx.db,
    sql`${ITEM_SELECT}
         WHERE s.cycle_id = ${id}
           ${q.status ? sql`AND s.status = ${q.status}` : sql``}
           ${q.late ? sql`AND s.status IN ('draft', 'returned') AND c.due_date < ${on}::date` : sql``}
           ${after ? sql`AND (a.sort_order, a.name, s.id) > (${after[0]}, ${after[1]}, ${after[2]}::uuid)` : sql``}
         ORDER BY a.sort_order, a.name, s.id LIMIT ${q.limit + 1}`,
  );
  const page = paginate(found, q.limit, (r) => [r.sort_order, r.agency_name, r.id]);
  return { items: page.items.map((r) => itemOf(r, on)), nextCursor: page.nextCursor };
}

/** Across open cycles, the submissions past due and not submitted: the most overdue first. */
export async function lateSubmissions(
  ctx: Ctx,
  q: { limit: number; cursor?: string },
): Promise<{ items: LateItem[]; nextCursor: string | null }> {
  await assertConsolidator(ctx);
  const after = decodeKeyset(q.cursor);
  const on = today(ctx);
  const found = await rows<ItemRow>(
    ctx.db,
    sql`${ITEM_SELECT}
         WHERE c.status = 'open' AND c.due_date < ${on}::date AND s.status IN ('draft', 'returned')
           ${after ? sql`AND (c.due_date, s.id) > (${after[0]}::date, ${after[1]}::uuid)` : sql``}
         ORDER BY c.due_date, s.id LIMIT ${q.limit + 1}`,
  );
  const page = paginate(found, q.limit, (r) => [dayText(r.due_date), r.id]);
  const dayMs = 86_400_000;
  return {
    items: page.items.map((r) => {
      const item = itemOf(r, on);
      return { ...item, daysLate: Math.round((Date.parse(on) - Date.parse(item.dueDate)) / dayMs) };
    }),
    nextCursor: page.nextCursor,
  };
}
