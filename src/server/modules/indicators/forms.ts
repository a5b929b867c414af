/**
 * Report forms (biểu mẫu): their definition (indicators of one periodicity, reporting agencies, due
 * and lock days, approval levels), their calendar per period and where an agency stands.
 *
 * For the entry helper (routes-entry / service):
 *
 *     entryStateFor(db: Db, formId: string, agencyId: string, period: string, today: string)
 *       : Promise<EntryState>
 *
 * `today` is the calendar date in Vietnam (YYYY-MM-DD, e.g. vnDate(ctx.now())). It throws
 * AppError not_found when the form does not exist, bad_request when `period` is not a period code
 * of the form's periodicity. It does not throw when the agency is not a reporting agency of the
 * form: check `assigned`. Values may be written iff `acceptsEntry` (the period is open, due soon,
 * overdue or reopened for that agency) — the report's status (submitted/approved) is given in
 * `reportStatus` for the caller to refuse writes on a submitted or approved report.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import {
  type Period,
  type Periodicity,
  parsePeriod,
  periodLabel,
} from '../../../shared/indicators/periods.ts';
import {
  acceptsEntry,
  type FormCalendar,
  type FormState,
  formCalendar,
  formState,
} from '../../../shared/indicators/schedule.ts';
import type { FormInput } from '../../../shared/schemas/indicators-catalogue.ts';
import { type Db, rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findAgencies } from '../agencies/index.ts';
import {
  indicatorFormAgencies,
  indicatorFormItems,
  indicatorForms,
  indicatorReopenings,
  indicatorReportSteps,
  indicatorReports,
  indicators,
} from './schema.ts';

export type FormRow = typeof indicatorForms.$inferSelect;

export interface EntryState {
  form: FormRow;
  period: Period;
  /** "Tháng 01/2026" … */
  periodLabel: string;
  calendar: FormCalendar;
  state: FormState;
  /** The last day (YYYY-MM-DD, Vietnam, inclusive) of an administrator's reopening, if any. */
  reopenedUntil: string | null;
  /** Whether values may be written today (period open, due soon, overdue or reopened). */
  acceptsEntry: boolean;
  /** Whether the agency is one of the form's reporting agencies. */
  assigned: boolean;
  /** The agency's report for that period: null when nothing was entered yet. */
  reportStatus: 'draft' | 'submitted' | 'approved' | 'returned' | null;
}

/** The form's calendar for one period (opens, due, locks: YYYY-MM-DD, Vietnam). */
export function formCalendarFor(form: Pick<FormRow, 'dueDays' | 'lockDays'>, p: Period): FormCalendar {
  return formCalendar(p, form);
}

/** The period a code names, refused unless it is of the form's periodicity. */
export function formPeriod(form: Pick<FormRow, 'periodicity' | 'code'>, code: string): Period {
  const p = parsePeriod(code);
  if (!p)
    throw new AppError('bad_request', `Kỳ báo cáo không hợp lệ: "${code}" (ví dụ 2026M01, 2026Q1, 2026).`);
  if (p.periodicity !== (form.periodicity as Periodicity))
    throw new AppError(
      'bad_request',
      `Kỳ báo cáo ${code} không phải kỳ của biểu mẫu ${form.code} (biểu mẫu báo cáo theo ${periodicityName(form.periodicity)}).`,
    );
  return p;
}

const PERIODICITY_VI: Record<string, string> = {
  month: 'tháng',
  quarter: 'quý',
  half: '6 tháng',
  nine_months: '9 tháng',
  year: 'năm',
};
export const periodicityName = (p: string) => PERIODICITY_VI[p] ?? p;

export async function findForm(db: Db, formId: string): Promise<FormRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(formId)) return undefined;
  const [f] = await db.select().from(indicatorForms).where(eq(indicatorForms.id, formId));
  return f;
}

/** The reopenings of a form for a period: agency → last day (YYYY-MM-DD, Vietnam). */
export async function reopeningsOf(
  db: Db,
  formId: string,
  periodCode: string,
  agencyIds?: string[],
): Promise<Map<string, string>> {
  const r = await db
    .select({ agencyId: indicatorReopenings.agencyId, until: indicatorReopenings.until })
    .from(indicatorReopenings)
    .where(
      and(
        eq(indicatorReopenings.formId, formId),
        eq(indicatorReopenings.period, periodCode),
        agencyIds ? inArray(indicatorReopenings.agencyId, agencyIds.length ? agencyIds : ['']) : undefined,
      ),
    );
  return new Map(r.map((x) => [x.agencyId, vnDate(x.until)]));
}

/** Where one agency stands with a form and period today (see the comment at the top). */
export async function entryStateFor(
  db: Db,
  formId: string,
  agencyId: string,
  periodCode: string,
  today: string,
): Promise<EntryState> {
  const form = await findForm(db, formId);
  if (!form) throw new AppError('not_found', 'Biểu mẫu không tồn tại hoặc bạn không có quyền xem.');
  const p = formPeriod(form, periodCode);
  const [x] = await rows<{ assigned: boolean; until: Date | string | null; status: string | null }>(
    db,
    sql`SELECT
          EXISTS (SELECT 1 FROM indicator_form_agencies WHERE form_id = ${formId} AND agency_id = ${agencyId}) AS assigned,
          (SELECT until FROM ${indicatorReopenings} WHERE form_id = ${formId} AND agency_id = ${agencyId} AND period = ${p.code}) AS until,
          (SELECT status FROM ${indicatorReports} WHERE form_id = ${formId} AND agency_id = ${agencyId} AND period = ${p.code}) AS status`,
  );
  if (!x) throw new Error('entryStateFor: no row');
  const calendar = formCalendarFor(form, p);
  const reopenedUntil = x.until ? vnDate(new Date(x.until)) : null;
  const state = formState(calendar, today, reopenedUntil);
  return {
    form,
    period: p,
    periodLabel: periodLabel(p),
    calendar,
    state,
    reopenedUntil,
    acceptsEntry: acceptsEntry(state),
    assigned: !!x.assigned,
    reportStatus: (x.status as EntryState['reportStatus']) ?? null,
  };
}

// ---- Definition of forms ----

async function presentForm(db: Db, form: FormRow) {
  const items = await db
    .select({ code: indicators.code, name: indicators.name, unit: indicators.unit })
    .from(indicatorFormItems)
    .innerJoin(indicators, eq(indicators.id, indicatorFormItems.indicatorId))
    .where(eq(indicatorFormItems.formId, form.id))
    .orderBy(asc(indicatorFormItems.sortOrder));
  const ag = await db
    .select({ agencyId: indicatorFormAgencies.agencyId })
    .from(indicatorFormAgencies)
    .where(eq(indicatorFormAgencies.formId, form.id));
  const names = await findAgencies(
    db,
    ag.map((a) => a.agencyId),
  );
  return {
    id: form.id,
    code: form.code,
    name: form.name,
    periodicity: form.periodicity as Periodicity,
    dueDays: form.dueDays,
    lockDays: form.lockDays,
    approvalLevels: form.approvalLevels,
    active: form.active,
    items,
    agencies: ag
      .map((a) => ({ id: a.agencyId, name: names.get(a.agencyId)?.name ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}

export async function listForms(db: Db) {
  const r = await db.select().from(indicatorForms).orderBy(asc(indicatorForms.code));
  return Promise.all(r.map((f) => presentForm(db, f)));
}

export async function formDetail(db: Db, formId: string) {
  const f = await findForm(db, formId);
  if (!f) throw new AppError('not_found', 'Biểu mẫu không tồn tại hoặc bạn không có quyền xem.');
  return presentForm(db, f);
}

/** Checks items (existing codes, the form's periodicity, no repeat) and agencies; returns their ids. */
async function checkForm(db: Db, input: FormInput) {
  const seen = new Set<string>();
  for (const c of input.items) {
    if (seen.has(c)) throw new AppError('bad_request', `Chỉ tiêu ${c} có hai lần trong biểu mẫu.`);
    seen.add(c);
  }
  const found = input.items.length
    ? await db
        .select({ id: indicators.id, code: indicators.code, periodicity: indicators.periodicity })
        .from(indicators)
        .where(inArray(indicators.code, input.items))
    : [];
  const byCode = new Map(found.map((x) => [x.code, x]));
  const itemIds: string[] = [];
  for (const c of input.items) {
    const x = byCode.get(c);
    if (!x) throw new AppError('bad_request', `Mã chỉ tiêu không tồn tại: ${c}.`);
    if (x.periodicity !== input.periodicity)
      throw new AppError(
        'bad_request',
        `Chỉ tiêu ${c} báo cáo theo ${periodicityName(x.periodicity)}, không cùng kỳ với biểu mẫu (${periodicityName(input.periodicity)}).`,
      );
    itemIds.push(x.id);
  }
  const agencyIds = [...new Set(input.agencyIds)];
  const ag = await findAgencies(db, agencyIds);
  for (const id of agencyIds)
    if (!ag.has(id)) throw new AppError('bad_request', `Cơ quan báo cáo không tồn tại: ${id}.`);
  if (input.lockDays < input.dueDays)
    throw new AppError('bad_request', 'Số ngày khóa sổ phải lớn hơn hoặc bằng số ngày đến hạn.');
  return { itemIds, agencyIds };
}

async function writeMembers(db: Db, formId: string, itemIds: string[], agencyIds: string[]) {
  await db.delete(indicatorFormItems).where(eq(indicatorFormItems.formId, formId));
  await db.delete(indicatorFormAgencies).where(eq(indicatorFormAgencies.formId, formId));
  if (itemIds.length)
    await db
      .insert(indicatorFormItems)
      .values(itemIds.map((indicatorId, i) => ({ formId, indicatorId, sortOrder: i + 1 })));
  if (agencyIds.length)
    await db.insert(indicatorFormAgencies).values(agencyIds.map((agencyId) => ({ formId, agencyId })));
}

export async function createFormIn(ctx: Ctx, input: FormInput) {
  const [dup] = await ctx.db.select().from(indicatorForms).where(eq(indicatorForms.code, input.code));
  if (dup) throw new AppError('duplicate', `Mã biểu mẫu ${input.code} đã có.`);
  const { itemIds, agencyIds } = await checkForm(ctx.db, input);
  const [f] = await ctx.db
    .insert(indicatorForms)
    .values({
      code: input.code,
      name: input.name,
      periodicity: input.periodicity,
      dueDays: input.dueDays,
      lockDays: input.lockDays,
      approvalLevels: input.approvalLevels,
      active: input.active ?? true,
    })
    .returning();
  await writeMembers(ctx.db, f!.id, itemIds, agencyIds);
  await audit(ctx.db, ctx.actor, {
    action: 'indicator_form.create',
    entityType: 'indicator_form',
    entityId: f!.id,
    detail: { code: input.code, items: input.items.length, agencies: agencyIds.length },
  });
  return presentForm(ctx.db, f!);
}

export const createForm = (ctx: Ctx, input: FormInput) => inTx(ctx, (tx) => createFormIn(tx, input));

export function updateForm(ctx: Ctx, formId: string, input: FormInput) {
  return inTx(ctx, async (tx) => {
    const f = await findForm(tx.db, formId);
    if (!f) throw new AppError('not_found', 'Biểu mẫu không tồn tại hoặc bạn không có quyền xem.');
    if (input.code !== f.code) {
      const [dup] = await tx.db.select().from(indicatorForms).where(eq(indicatorForms.code, input.code));
      if (dup) throw new AppError('duplicate', `Mã biểu mẫu ${input.code} đã có.`);
    }
    if (input.periodicity !== f.periodicity) {
      const [used] = await tx.db
        .select({ one: sql<number>`1` })
        .from(indicatorReports)
        .where(eq(indicatorReports.formId, formId))
        .limit(1);
      if (used) throw new AppError('conflict', 'Không đổi được kỳ báo cáo của biểu mẫu đã có báo cáo.');
    }
    const { itemIds, agencyIds } = await checkForm(tx.db, input);
    const [g] = await tx.db
      .update(indicatorForms)
      .set({
        code: input.code,
        name: input.name,
        periodicity: input.periodicity,
        dueDays: input.dueDays,
        lockDays: input.lockDays,
        approvalLevels: input.approvalLevels,
        active: input.active ?? f.active,
      })
      .where(eq(indicatorForms.id, formId))
      .returning();
    await writeMembers(tx.db, formId, itemIds, agencyIds);
    await audit(tx.db, tx.actor, {
      action: 'indicator_form.update',
      entityType: 'indicator_form',
      entityId: formId,
      detail: { code: input.code, items: input.items.length, agencies: agencyIds.length },
    });
    return presentForm(tx.db, g!);
  });
}

/** The form's calendar for a period and where each reporting agency stands on `today`. */
export async function formSchedule(db: Db, formId: string, periodCode: string, today: string) {
  const f = await findForm(db, formId);
  if (!f) throw new AppError('not_found', 'Biểu mẫu không tồn tại hoặc bạn không có quyền xem.');
  const p = formPeriod(f, periodCode);
  const cal = formCalendarFor(f, p);
  const ag = await db
    .select({ agencyId: indicatorFormAgencies.agencyId })
    .from(indicatorFormAgencies)
    .where(eq(indicatorFormAgencies.formId, formId));
  const ids = ag.map((a) => a.agencyId);
  const names = await findAgencies(db, ids);
  const reopened = await reopeningsOf(db, formId, p.code);
  const reports = await db
    .select({ agencyId: indicatorReports.agencyId, status: indicatorReports.status })
    .from(indicatorReports)
    .where(and(eq(indicatorReports.formId, formId), eq(indicatorReports.period, p.code)));
  const status = new Map(reports.map((r) => [r.agencyId, r.status]));
  return {
    period: p.code,
    label: periodLabel(p),
    ...cal,
    agencies: ids
      .map((id) => ({
        agencyId: id,
        name: names.get(id)?.name ?? '',
        state: formState(cal, today, reopened.get(id) ?? null),
        reopenedUntil: reopened.get(id) ?? null,
        reportStatus: status.get(id) ?? null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}

/**
 * Reopens a period of a form for one agency until a day (inclusive, Vietnam): entry is accepted
 * again until then even after the lock. A later reopening replaces an earlier one.
 */
export function reopen(
  ctx: Ctx,
  formId: string,
  input: { agencyId: string; period: string; until: string; reason: string },
) {
  return inTx(ctx, async (tx) => {
    const f = await findForm(tx.db, formId);
    if (!f) throw new AppError('not_found', 'Biểu mẫu không tồn tại hoặc bạn không có quyền xem.');
    const p = formPeriod(f, input.period);
    const [member] = await tx.db
      .select({ one: sql<number>`1` })
      .from(indicatorFormAgencies)
      .where(
        and(eq(indicatorFormAgencies.formId, formId), eq(indicatorFormAgencies.agencyId, input.agencyId)),
      );
    if (!member) throw new AppError('bad_request', 'Cơ quan này không báo cáo biểu mẫu này.');
    const today = vnDate(ctx.now());
    if (input.until < today)
      throw new AppError('bad_request', `Ngày mở đến (${input.until}) không được trước hôm nay (${today}).`);
    const cal = formCalendarFor(f, p);
    if (today < cal.opensOn)
      throw new AppError('bad_request', `Kỳ ${periodLabel(p)} chưa mở nhập số liệu, không cần mở lại.`);
    const until = new Date(`${input.until}T23:59:59.999+07:00`);
    const byId = ctx.actor.personId;
    await tx.db
      .insert(indicatorReopenings)
      .values({
        formId,
        agencyId: input.agencyId,
        period: p.code,
        until,
        reason: input.reason,
        byId,
        at: ctx.now(),
      })
      .onConflictDoUpdate({
        target: [indicatorReopenings.formId, indicatorReopenings.agencyId, indicatorReopenings.period],
        set: { until, reason: input.reason, byId, at: ctx.now() },
      });
    await tx.db.insert(indicatorReportSteps).values({
      formId,
      agencyId: input.agencyId,
      period: p.code,
      action: 'reopened',
      byId,
      byAgencyId: ctx.actor.agencyId,
      note: `Mở lại đến ${input.until}: ${input.reason}`,
    });
    await audit(tx.db, tx.actor, {
      action: 'indicator_form.reopen',
      entityType: 'indicator_form',
      entityId: formId,
      detail: { agencyId: input.agencyId, period: p.code, until: input.until, reason: input.reason },
    });
    return formSchedule(tx.db, formId, p.code, today);
  });
}
