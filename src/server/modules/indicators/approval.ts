/**
 * Submission and multi-level approval of indicator reports (one form × agency × period).
 *
 * The approval chain follows the agencies tree: level 1 is the reporting agency's parent (divisions
 * skipped), level 2 the parent's parent, and so on; a form's `approvalLevels` says how many levels
 * approve, one after the other (commune → district → province: 2; a department → the province's
 * People's Committee: 1). When the tree above an agency is shorter than `approvalLevels`, its top
 * is the last level; with `approvalLevels` = 0 (or an agency at the root) a submission is final.
 *
 * draft | returned --submit--> submitted (level 1, awaiting the parent)
 *   --approve by the awaiting agency--> submitted (level n+1, awaiting the next) … --> approved
 *   --return (with a reason) by the awaiting agency--> returned (the agency may enter and submit again;
 *     when the period locks within the days the form gives to report, a reopening for that agency and
 *     period is recorded until then, so the return really reopens it — for that agency only)
 * Submitted and approved reports are locked for entry (the entry checks `status`).
 * Every step is a row of indicator_report_steps, an audit row and a notice: to the next level's
 * approvers on submission and on each intermediate approval, to the reporting agency's reporters
 * on the final approval and on a return.
 */
import { and, eq, sql } from 'drizzle-orm';
import { vnDate, vnDayEnd } from '../../../shared/calendar/vn-time.ts';
import {
  addDays,
  PERIODICITY_LABELS,
  type Period,
  type Periodicity,
  parsePeriod,
  periodLabel,
} from '../../../shared/indicators/periods.ts';
import { formCalendar, formState } from '../../../shared/indicators/schedule.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Page } from '../../../shared/schemas/common.ts';
import type {
  InboxItemView,
  ReportStatus,
  ReportView,
  SubmitInput,
  ValidationView,
  ViolationView,
} from '../../../shared/schemas/indicators-approval.ts';
import { type Db, rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ROLE_PERMISSIONS } from '../../platform/access/permissions.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { agencyRowsSql } from '../agencies/index.ts';
import { type Notice, notifyMany } from '../notifications/index.ts';
import { personNameSql, staffOf } from '../people/index.ts';
import { evaluateReport } from './rules.ts';
import {
  indicatorFormAgencies,
  indicatorForms,
  indicatorReopenings,
  indicatorReportSteps,
  indicatorReports,
} from './schema.ts';

export type FormRow = typeof indicatorForms.$inferSelect;
type ReportRow = typeof indicatorReports.$inferSelect;

// ---------- What every report route checks ----------

export async function loadForm(db: Db, formId: string): Promise<FormRow> {
  const [f] = await db.select().from(indicatorForms).where(eq(indicatorForms.id, formId));
  if (!f) throw notFound('Biểu mẫu');
  return f;
}

/** The period code checked against the form's periodicity (400 naming the field). */
export function formPeriod(form: FormRow, code: string): Period {
  const p = parsePeriod(code);
  if (!p)
    throw new AppError(
      'bad_request',
      `Kỳ báo cáo «${code}» không hợp lệ (ví dụ: 2026M01, 2026Q1, 2026S1, 2026N9, 2026).`,
      { fields: [{ path: 'params.period', message: 'Kỳ báo cáo không hợp lệ.' }] },
    );
  if (p.periodicity !== form.periodicity)
    throw new AppError(
      'bad_request',
      `Kỳ ${code} không phải kỳ báo cáo của biểu mẫu ${form.code} (biểu mẫu theo ${PERIODICITY_LABELS[
        form.periodicity as Periodicity
      ].toLowerCase()}).`,
      { fields: [{ path: 'params.period', message: 'Kỳ không đúng chu kỳ của biểu mẫu.' }] },
    );
  return p;
}

export interface ChainAgency {
  id: string;
  name: string;
}

/**
 * The reporting agency (its name) and the agencies above it, nearest first, divisions skipped:
 * the candidates of each approval level. Read through agencies' rows fragment.
 */
export async function agencyChain(
  db: Db,
  agencyId: string,
): Promise<{ self: ChainAgency | null; up: ChainAgency[] }> {
  const r = await rows<{ id: string; name: string; kind: string; depth: number }>(
    db,
    sql`WITH RECURSIVE up AS (
          SELECT a.id, a.parent_id, a.kind, a.name, 0 AS depth FROM ${agencyRowsSql} a WHERE a.id = ${agencyId}
          UNION ALL
          SELECT p.id, p.parent_id, p.kind, p.name, up.depth + 1 FROM ${agencyRowsSql} p JOIN up ON p.id = up.parent_id
           WHERE up.depth < 50)
        SELECT id, name, kind, depth FROM up ORDER BY depth`,
  );
  const self = r.find((x) => x.depth === 0);
  return {
    self: self ? { id: self.id, name: self.name } : null,
    up: r.filter((x) => x.depth > 0 && x.kind !== 'division').map((x) => ({ id: x.id, name: x.name })),
  };
}

/** How many levels really approve: the form's, cut to the height of the tree above the agency. */
const levelsFor = (form: FormRow, up: ChainAgency[]) => Math.min(form.approvalLevels, up.length);

/** The form, period, the agency's place in the tree; 404 when the agency does not report the form. */
export async function reportContext(db: Db, formId: string, periodCode: string, agencyId: string) {
  const form = await loadForm(db, formId);
  const p = formPeriod(form, periodCode);
  const [member] = await db
    .select({ agencyId: indicatorFormAgencies.agencyId })
    .from(indicatorFormAgencies)
    .where(and(eq(indicatorFormAgencies.formId, formId), eq(indicatorFormAgencies.agencyId, agencyId)));
  const chain = await agencyChain(db, agencyId);
  if (!member || !chain.self)
    throw new AppError('not_found', `Đơn vị này không phải đơn vị báo cáo của biểu mẫu ${form.code}.`);
  return { form, p, agency: chain.self, up: chain.up };
}

/** Who may read a report and its violations: its agency, the agencies above it, a system administrator. */
function assertCanSee(actor: Actor, agencyId: string, up: ChainAgency[]) {
  if (actor.role === 'system_admin') return;
  if (actor.agencyId === agencyId || up.some((a) => a.id === actor.agencyId)) return;
  throw notFound('Báo cáo');
}

function assertOwnAgency(actor: Actor, agency: ChainAgency, what: string) {
  if (actor.agencyId !== agency.id)
    throw forbidden(`Bạn không thuộc ${agency.name}, không ${what} báo cáo của đơn vị này được.`);
}

async function findReport(db: Db, formId: string, agencyId: string, period: string, lock = false) {
  const q = db
    .select()
    .from(indicatorReports)
    .where(
      and(
        eq(indicatorReports.formId, formId),
        eq(indicatorReports.agencyId, agencyId),
        eq(indicatorReports.period, period),
      ),
    );
  return (lock ? await q.for('update') : await q)[0];
}

const rolesWith = (permission: 'indicators.report' | 'indicators.approve'): Role[] =>
  (Object.keys(ROLE_PERMISSIONS) as Role[]).filter((r) => ROLE_PERMISSIONS[r].includes(permission));

async function peopleWith(db: Db, agencyId: string, permission: 'indicators.report' | 'indicators.approve') {
  return (await staffOf(db, agencyId, rolesWith(permission))).map((p) => p.id);
}

const reportLink = (form: FormRow, agencyId: string, period: string) =>
  `/chi-tieu/nhap/${form.id}/${period}?agencyId=${agencyId}`;

async function step(
  ctx: Ctx,
  r: { formId: string; agencyId: string; period: string },
  action: string,
  level: number,
  note: string | null,
) {
  await ctx.db.insert(indicatorReportSteps).values({
    formId: r.formId,
    agencyId: r.agencyId,
    period: r.period,
    action,
    level,
    byId: ctx.actor.personId,
    byAgencyId: ctx.actor.agencyId,
    note,
  });
}

// ---------- Validate ----------

export async function validateReport(
  ctx: Ctx,
  formId: string,
  periodCode: string,
  agencyId: string,
): Promise<ValidationView> {
  const { form, p, up } = await reportContext(ctx.db, formId, periodCode, agencyId);
  assertCanSee(ctx.actor, agencyId, up);
  const violations = await evaluateReport(ctx.db, form, p, agencyId);
  return summarize(violations);
}

function summarize(violations: ViolationView[]): ValidationView {
  const blocking = violations.filter((v) => v.importance === 'blocking').length;
  return { violations, blocking, warnings: violations.length - blocking };
}

// ---------- Submit ----------

export async function submitReport(
  ctx: Ctx,
  formId: string,
  periodCode: string,
  agencyId: string,
  input: SubmitInput,
): Promise<ReportView> {
  await inTx(ctx, async (tx) => {
    const { form, p, agency, up } = await reportContext(tx.db, formId, periodCode, agencyId);
    assertOwnAgency(tx.actor, agency, 'gửi');
    if (!form.active)
      throw new AppError('conflict', `Biểu mẫu ${form.code} đã ngừng sử dụng, không gửi báo cáo được.`);
    const today = vnDate(tx.now());
    const cal = formCalendar(p, form);
    if (today < cal.opensOn)
      throw new AppError(
        'conflict',
        `${periodLabel(p)} chưa kết thúc: biểu mẫu ${form.code} mở nhận báo cáo từ ngày ${cal.opensOn.split('-').reverse().join('/')}.`,
      );
    const [reopening] = await tx.db
      .select({ until: indicatorReopenings.until })
      .from(indicatorReopenings)
      .where(
        and(
          eq(indicatorReopenings.formId, formId),
          eq(indicatorReopenings.agencyId, agencyId),
          eq(indicatorReopenings.period, p.code),
        ),
      );
    if (formState(cal, today, reopening ? vnDate(reopening.until) : null) === 'locked')
      throw new AppError(
        'conflict',
        `${periodLabel(p)} của biểu mẫu ${form.code} đã khóa sổ từ ngày ${cal.locksOn.split('-').reverse().join('/')}; đề nghị quản trị mở lại để gửi báo cáo.`,
      );
    await tx.db.insert(indicatorReports).values({ formId, agencyId, period: p.code }).onConflictDoNothing();
    const report = (await findReport(tx.db, formId, agencyId, p.code, true))!;
    if (report.status === 'submitted')
      throw new AppError('conflict', 'Báo cáo đã được gửi và đang chờ duyệt, không gửi lại được.');
    if (report.status === 'approved')
      throw new AppError('conflict', 'Báo cáo đã được duyệt, không gửi lại được.');

    const [{ n } = { n: 0 }] = await rows<{ n: number }>(
      tx.db,
      sql`SELECT count(*)::int AS n FROM indicator_values v JOIN indicator_form_items fi ON fi.indicator_id = v.indicator_id
           WHERE fi.form_id = ${formId} AND v.agency_id = ${agencyId} AND v.period = ${p.code}
             AND (v.estimate IS NOT NULL OR v.official IS NOT NULL)`,
    );
    if (n === 0) throw new AppError('unprocessable', 'Báo cáo chưa có số liệu nào, chưa gửi được.');

    const violations = await evaluateReport(tx.db, form, p, agencyId);
    const blocking = violations.filter((v) => v.importance === 'blocking');
    if (blocking.length)
      throw new AppError(
        'unprocessable',
        `Báo cáo còn ${blocking.length} lỗi phải sửa trước khi gửi: ${blocking.map((v) => v.message).join(' ')}`,
        { extra: { violations: blocking } },
      );
    const comments = input.comments ?? {};
    const warnings = violations.filter((v) => v.importance === 'warning');
    const unexplained = warnings.filter((v) => !comments[v.key]?.trim());
    if (unexplained.length)
      throw new AppError(
        'unprocessable',
        `Cần giải trình cho ${unexplained.length} cảnh báo trước khi gửi: ${unexplained.map((v) => v.name).join('; ')}.`,
        {
          extra: { violations: unexplained },
          fields: unexplained.map((v) => ({
            path: `comments.${v.key}`,
            message: `Cần giải trình: ${v.message}`,
          })),
        },
      );

    // Explanations: outliers' on the value itself (its comment, with a history row), all of them in the step's note.
    for (const w of warnings) {
      if (w.ruleId) continue;
      const [, code, option] = w.key.split(':');
      await appendValueComment(
        tx,
        { code: code!, option: option ?? '', agencyId, period: p.code },
        comments[w.key]!.trim(),
      );
    }
    const note = warnings.length
      ? warnings.map((w) => `[Giải trình] ${w.name}: ${comments[w.key]!.trim()}`).join('\n')
      : null;

    const levels = levelsFor(form, up);
    const now = tx.now();
    const final = levels === 0;
    await tx.db
      .update(indicatorReports)
      .set({
        status: final ? 'approved' : 'submitted',
        level: final ? 0 : 1,
        awaitingAgencyId: final ? null : up[0]!.id,
        submittedAt: now,
        submittedById: tx.actor.personId,
        approvedAt: final ? now : null,
        returnReason: null,
        updatedAt: now,
      })
      .where(
        and(
          eq(indicatorReports.formId, formId),
          eq(indicatorReports.agencyId, agencyId),
          eq(indicatorReports.period, p.code),
        ),
      );
    await step(tx, { formId, agencyId, period: p.code }, 'submitted', 0, note);
    if (final)
      await step(tx, { formId, agencyId, period: p.code }, 'approved', 0, 'Biểu mẫu không cần duyệt.');
    await audit(tx.db, tx.actor, {
      action: 'indicators.report.submit',
      entityType: 'indicator_report',
      entityId: `${form.code}/${agency.id}/${p.code}`,
      agencyId,
      detail: {
        form: form.code,
        period: p.code,
        warnings: warnings.length,
        awaiting: final ? null : up[0]!.id,
      },
    });
    const title = `${agency.name} gửi báo cáo ${form.code} ${periodLabel(p)}`;
    const notices: { personIds: string[]; notice: Notice }[] = final
      ? [
          {
            personIds: await peopleWith(tx.db, agencyId, 'indicators.report'),
            notice: {
              kind: 'indicators.approved',
              title: `Báo cáo ${form.code} ${periodLabel(p)} đã được ghi nhận`,
              link: reportLink(form, agencyId, p.code),
            },
          },
        ]
      : [
          {
            personIds: await peopleWith(tx.db, up[0]!.id, 'indicators.approve'),
            notice: {
              kind: 'indicators.submitted',
              title,
              body: `${form.name} – chờ ${up[0]!.name} duyệt (cấp 1/${levels}).`,
              link: reportLink(form, agencyId, p.code),
            },
          },
        ];
    await notifyMany(tx.db, notices);
  });
  return reportDetail(ctx, formId, periodCode, agencyId);
}

async function appendValueComment(
  ctx: Ctx,
  cell: { code: string; option: string; agencyId: string; period: string },
  text: string,
) {
  const line = `[Giải trình] ${text}`;
  const r = await rows<{ indicator_id: string; before: string | null; after: string }>(
    ctx.db,
    sql`WITH old AS (
          SELECT v.indicator_id, v.comment FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id
           WHERE i.code = ${cell.code} AND v.agency_id = ${cell.agencyId} AND v.period = ${cell.period}
             AND v.option_code = ${cell.option} FOR UPDATE OF v)
        UPDATE indicator_values v
           SET comment = CASE WHEN coalesce(old.comment, '') = '' THEN ${line} ELSE old.comment || E'\n' || ${line} END,
               rev = v.rev + 1, updated_by_id = ${ctx.actor.personId}, updated_at = now()
          FROM old
         WHERE v.indicator_id = old.indicator_id AND v.agency_id = ${cell.agencyId} AND v.period = ${cell.period}
           AND v.option_code = ${cell.option}
        RETURNING v.indicator_id, old.comment AS before, v.comment AS after`,
  );
  for (const x of r)
    await ctx.db.execute(
      sql`INSERT INTO indicator_value_history (indicator_id, period, agency_id, option_code, kind, before, after, by_id)
          VALUES (${x.indicator_id}, ${cell.period}, ${cell.agencyId}, ${cell.option}, 'comment', ${x.before}, ${x.after}, ${ctx.actor.personId})`,
    );
}

// ---------- Approve / return ----------

async function awaitingMe(tx: Ctx, formId: string, periodCode: string, agencyId: string) {
  const c = await reportContext(tx.db, formId, periodCode, agencyId);
  const report = await findReport(tx.db, formId, agencyId, c.p.code, true);
  if (report && tx.actor.agencyId === agencyId)
    throw forbidden('Đơn vị không tự duyệt hay trả lại báo cáo của chính mình; báo cáo do cấp trên duyệt.');
  // Only the agencies above the report know of it.
  if (!report || !c.up.some((a) => a.id === tx.actor.agencyId)) throw notFound('Báo cáo');
  if (report.status !== 'submitted')
    throw new AppError(
      'conflict',
      report.status === 'approved'
        ? 'Báo cáo đã được duyệt.'
        : report.status === 'returned'
          ? 'Báo cáo đã bị trả lại, đang chờ đơn vị gửi lại.'
          : 'Báo cáo chưa được gửi.',
    );
  if (report.awaitingAgencyId !== tx.actor.agencyId) {
    const awaiting = c.up.find((a) => a.id === report.awaitingAgencyId);
    throw forbidden(`Báo cáo đang chờ ${awaiting?.name ?? 'đơn vị khác'} duyệt, không phải đơn vị của bạn.`);
  }
  return { ...c, report };
}

export async function approveReport(
  ctx: Ctx,
  formId: string,
  periodCode: string,
  agencyId: string,
): Promise<ReportView> {
  await inTx(ctx, async (tx) => {
    const { form, p, agency, up, report } = await awaitingMe(tx, formId, periodCode, agencyId);
    const levels = Math.max(1, levelsFor(form, up));
    const final = report.level >= levels;
    const next = final ? null : up[report.level]!;
    const now = tx.now();
    await tx.db
      .update(indicatorReports)
      .set(
        final
          ? { status: 'approved', awaitingAgencyId: null, approvedAt: now, updatedAt: now }
          : { level: report.level + 1, awaitingAgencyId: next!.id, updatedAt: now },
      )
      .where(
        and(
          eq(indicatorReports.formId, formId),
          eq(indicatorReports.agencyId, agencyId),
          eq(indicatorReports.period, p.code),
        ),
      );
    await step(tx, report, 'approved', report.level, null);
    await audit(tx.db, tx.actor, {
      action: 'indicators.report.approve',
      entityType: 'indicator_report',
      entityId: `${form.code}/${agency.id}/${p.code}`,
      detail: { form: form.code, period: p.code, agency: agency.id, level: report.level, final },
    });
    const link = reportLink(form, agencyId, p.code);
    await notifyMany(tx.db, [
      final
        ? {
            personIds: await peopleWith(tx.db, agencyId, 'indicators.report'),
            notice: {
              kind: 'indicators.approved',
              title: `Báo cáo ${form.code} ${periodLabel(p)} đã được duyệt`,
              link,
            },
          }
        : {
            personIds: await peopleWith(tx.db, next!.id, 'indicators.approve'),
            notice: {
              kind: 'indicators.submitted',
              title: `Báo cáo ${form.code} ${periodLabel(p)} của ${agency.name} chờ duyệt`,
              body: `Đã được ${up[report.level - 1]?.name ?? 'cấp dưới'} duyệt (cấp ${report.level}/${levels}).`,
              link,
            },
          },
    ]);
  });
  return reportDetail(ctx, formId, periodCode, agencyId);
}

export async function returnReport(
  ctx: Ctx,
  formId: string,
  periodCode: string,
  agencyId: string,
  reason: string,
): Promise<ReportView> {
  await inTx(ctx, async (tx) => {
    const { form, p, agency, report } = await awaitingMe(tx, formId, periodCode, agencyId);
    const now = tx.now();
    await tx.db
      .update(indicatorReports)
      .set({ status: 'returned', level: 0, awaitingAgencyId: null, returnReason: reason, updatedAt: now })
      .where(
        and(
          eq(indicatorReports.formId, formId),
          eq(indicatorReports.agencyId, agencyId),
          eq(indicatorReports.period, p.code),
        ),
      );
    await step(tx, report, 'returned', report.level, reason);
    // A return near or past the lock date reopens the period for this agency only, for as many days as
    // the form gives to report (at least 5), so the values can be corrected and submitted again.
    const fixBy = addDays(vnDate(now), Math.max(form.dueDays, 5));
    if (formCalendar(p, form).locksOn <= fixBy)
      await tx.db
        .insert(indicatorReopenings)
        .values({
          formId,
          agencyId,
          period: p.code,
          until: new Date(vnDayEnd(fixBy)),
          reason: `Báo cáo bị trả lại: ${reason}`,
          byId: tx.actor.personId,
        })
        .onConflictDoUpdate({
          target: [indicatorReopenings.formId, indicatorReopenings.agencyId, indicatorReopenings.period],
          set: {
            until: sql`greatest(${indicatorReopenings.until}, excluded.until)`,
            reason: sql`excluded.reason`,
            byId: sql`excluded.by_id`,
            at: now,
          },
        });
    await audit(tx.db, tx.actor, {
      action: 'indicators.report.return',
      entityType: 'indicator_report',
      entityId: `${form.code}/${agency.id}/${p.code}`,
      detail: { form: form.code, period: p.code, agency: agency.id, level: report.level, reason },
    });
    await notifyMany(tx.db, [
      {
        personIds: await peopleWith(tx.db, agencyId, 'indicators.report'),
        notice: {
          kind: 'indicators.returned',
          title: `Báo cáo ${form.code} ${periodLabel(p)} bị trả lại`,
          body: `Lý do: ${reason}`.slice(0, 300),
          link: reportLink(form, agencyId, p.code),
        },
      },
    ]);
  });
  return reportDetail(ctx, formId, periodCode, agencyId);
}

// ---------- Reading ----------

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function reportDetail(
  ctx: Ctx,
  formId: string,
  periodCode: string,
  agencyId: string,
): Promise<ReportView> {
  const { form, p, agency, up } = await reportContext(ctx.db, formId, periodCode, agencyId);
  assertCanSee(ctx.actor, agencyId, up);
  const report: Partial<ReportRow> = (await findReport(ctx.db, formId, agencyId, p.code)) ?? {};
  const steps = await rows<{
    action: string;
    level: number;
    by_name: string | null;
    by_agency_name: string | null;
    note: string | null;
    at: string;
  }>(
    ctx.db,
    sql`SELECT s.action, s.level, ${personNameSql(sql`s.by_id`)} AS by_name,
               (SELECT a.name FROM ${agencyRowsSql} a WHERE a.id = s.by_agency_id) AS by_agency_name, s.note, s.created_at AS at
          FROM indicator_report_steps s
         WHERE s.form_id = ${formId} AND s.agency_id = ${agencyId} AND s.period = ${p.code}
         ORDER BY s.id`,
  );
  const submitter = report.submittedById
    ? ((
        await rows<{ name: string | null }>(
          ctx.db,
          sql`SELECT ${personNameSql(sql`${report.submittedById}::uuid`)} AS name`,
        )
      )[0]?.name ?? null)
    : null;
  const levels = levelsFor(form, up);
  const awaiting = report.awaitingAgencyId ? up.find((a) => a.id === report.awaitingAgencyId) : null;
  return {
    formId: form.id,
    formCode: form.code,
    formName: form.name,
    period: p.code,
    periodLabel: periodLabel(p),
    agency,
    status: (report.status ?? 'draft') as ReportStatus,
    level: report.level ?? 0,
    approvalLevels: levels,
    awaitingAgency: awaiting ?? (report.awaitingAgencyId ? { id: report.awaitingAgencyId, name: '' } : null),
    chain: up.slice(0, levels).map((a, i) => ({ level: i + 1, id: a.id, name: a.name })),
    dueOn: formCalendar(p, form).dueOn,
    submittedAt: iso(report.submittedAt ?? null),
    submittedByName: submitter,
    approvedAt: iso(report.approvedAt ?? null),
    returnReason: report.returnReason ?? null,
    steps: steps.map((s) => ({
      action: s.action,
      level: s.level,
      byName: s.by_name,
      byAgencyName: s.by_agency_name,
      note: s.note,
      at: iso(s.at)!,
    })),
  };
}

/** The reports waiting for the actor's agency, oldest submission first (keyset on submission time and key). */
export async function inbox(ctx: Ctx, q: { limit: number; cursor?: string }): Promise<Page<InboxItemView>> {
  if (!ctx.actor.agencyId) return { items: [], nextCursor: null };
  const after = decodeCursor(q.cursor, 4) as [string, string, string, string] | null;
  const r = await rows<{
    form_id: string;
    form_code: string;
    form_name: string;
    period: string;
    agency_id: string;
    agency_name: string;
    level: number;
    submitted_at: string;
    at_key: string;
    submitted_by_name: string | null;
  }>(
    ctx.db,
    sql`SELECT r.form_id, f.code AS form_code, f.name AS form_name, r.period, r.agency_id, a.name AS agency_name,
               r.level, r.submitted_at, r.submitted_at::text AS at_key, ${personNameSql(sql`r.submitted_by_id`)} AS submitted_by_name
          FROM indicator_reports r
          JOIN indicator_forms f ON f.id = r.form_id
          JOIN ${agencyRowsSql} a ON a.id = r.agency_id
         WHERE r.awaiting_agency_id = ${ctx.actor.agencyId} AND r.status = 'submitted'
           ${after ? sql`AND (r.submitted_at, r.form_id, r.agency_id, r.period) > (${after[0]}::timestamptz, ${after[1]}::uuid, ${after[2]}::uuid, ${after[3]})` : sql``}
         ORDER BY r.submitted_at, r.form_id, r.agency_id, r.period
         LIMIT ${q.limit + 1}`,
  );
  const more = r.length > q.limit;
  const page = r.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((x) => ({
      formId: x.form_id,
      formCode: x.form_code,
      formName: x.form_name,
      period: x.period,
      periodLabel: parsePeriod(x.period) ? periodLabel(parsePeriod(x.period)!) : x.period,
      agency: { id: x.agency_id, name: x.agency_name },
      level: x.level,
      submittedAt: iso(x.submitted_at)!,
      submittedByName: x.submitted_by_name,
    })),
    nextCursor: more && last ? encodeCursor([last.at_key, last.form_id, last.agency_id, last.period]) : null,
  };
}
