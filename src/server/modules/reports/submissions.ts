import { asc, eq } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/index.ts';
import { MEASURE_BY_KEY, type MeasureKey, type MeasureValue } from '../../../shared/reports/measures.ts';
import {
  type RowValue,
  type SubmissionSave,
  type SubmissionStatus,
  type SubmissionValues,
  type SubmissionView,
  sharePercent,
  type TemplateSection,
} from '../../../shared/reports/periodic.ts';
import type { Db } from '../../db/client.ts';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { findAgency } from '../agencies/index.ts';
import { notify } from '../notifications/index.ts';
import { personNames } from '../people/index.ts';
import { type CycleRow, cycleLabel, cycleViews, isLate, reportContacts, submissionLink } from './cycles.ts';
import { measuresByAgency, periodWindow } from './measures.ts';
import { reportCycles, reportReturns, reportSubmissions, reportTemplates } from './schema.ts';
import { assertConsolidator, isConsolidator, type TemplateRow } from './templates.ts';

/*
 * An agency's submission of a cycle (issue 20): saved as a draft (optimistic version), submitted by
 * a clerk, a division head or the leader, returned with a comment or accepted by the IT department.
 * Rows that name a measured figure fill themselves from the system — fresh at every read while the
 * report is being written, frozen into the submission when it is sent — and cannot be typed over.
 */

export type SubmissionRow = typeof reportSubmissions.$inferSelect;

/** Who may submit for the agency (an officer prepares the draft, the head or the clerk sends it). */
const SUBMITTERS = new Set(['clerk', 'division_head', 'agency_leader']);

interface Loaded {
  s: SubmissionRow;
  c: CycleRow;
  t: TemplateRow;
}

async function load(db: Db, id: string, lock = false): Promise<Loaded | undefined> {
  const q = db
    .select({ s: reportSubmissions, c: reportCycles, t: reportTemplates })
    .from(reportSubmissions)
    .innerJoin(reportCycles, eq(reportCycles.id, reportSubmissions.cycleId))
    .innerJoin(reportTemplates, eq(reportTemplates.id, reportCycles.templateId))
    .where(eq(reportSubmissions.id, id));
  const [r] = lock ? await q.for('update', { of: reportSubmissions }) : await q;
  return r;
}

const mayFill = (ctx: Ctx, s: SubmissionRow) =>
  !!ctx.actor.role && ctx.actor.agencyId === s.agencyId && roleAllows(ctx.actor.role, 'reports.fill');

async function mayReview(ctx: Ctx): Promise<boolean> {
  const role = ctx.actor.role;
  if (!role || !(isSystemAdmin(ctx.actor) || roleAllows(role, 'reports.consolidate'))) return false;
  return isConsolidator(ctx);
}

/** The submission if the viewer may see it (own agency with reports.fill, or the IT department); else 404. */
async function visible(ctx: Ctx, id: string): Promise<Loaded & { own: boolean; review: boolean }> {
  const r = await load(ctx.db, id);
  if (!r) throw notFound('Báo cáo');
  const own = mayFill(ctx, r.s);
  const review = await mayReview(ctx);
  if (!own && !review) throw notFound('Báo cáo');
  return { ...r, own, review };
}

const sectionsOf = (t: TemplateRow) => t.sections as TemplateSection[];
const hasMeasured = (sections: TemplateSection[]) =>
  sections.some((s) => s.kind === 'table' && s.rows.some((r) => r.measure));

/** The cycle's period as a measured-figures period. */
function measurePeriodOf(t: TemplateRow, c: CycleRow) {
  if (t.cycle === 'month') return { year: c.year, month: c.period };
  if (t.cycle === 'half') return { year: c.year, half: c.period };
  return { year: c.year };
}

type Measured = Partial<Record<MeasureKey, MeasureValue>>;

/** The agency's measured figures for the cycle's period, counted now. */
export async function measuredFor(
  db: Db,
  t: TemplateRow,
  c: CycleRow,
  agencyId: string,
  now: Date,
): Promise<Measured> {
  if (!hasMeasured(sectionsOf(t))) return {};
  const w = periodWindow(measurePeriodOf(t, c), now);
  return ((await measuresByAgency(db, w, [agencyId])).get(agencyId) ?? {}) as Measured;
}

/** A measured figure as a row value: a count as it is, a share in percent with its n and d. */
export function measuredValue(key: MeasureKey, v: MeasureValue | undefined): RowValue {
  const rate = MEASURE_BY_KEY[key].kind === 'rate';
  const n = v?.n ?? 0;
  if (!rate) return { value: n, n, measured: true };
  const d = v?.d ?? 0;
  return { value: sharePercent(n, d), n, d, measured: true };
}

type Stored = Record<string, string | Record<string, RowValue>>;

/**
 * The values as shown: text as saved; a typed row as saved; a measured row fresh from `fresh` (while
 * the report is written) or as frozen at submission (`fresh` null).
 */
export function valuesOf(
  sections: TemplateSection[],
  stored: Stored,
  fresh: Measured | null,
): SubmissionValues {
  const out: SubmissionValues = {};
  for (const s of sections) {
    const saved = stored[s.key];
    if (s.kind === 'text') {
      out[s.key] = typeof saved === 'string' ? saved : '';
      continue;
    }
    const table = saved && typeof saved === 'object' ? saved : {};
    const rows: Record<string, RowValue> = {};
    for (const r of s.rows) {
      if (r.measure && fresh)
        rows[r.key] = measuredValue(r.measure as MeasureKey, fresh[r.measure as MeasureKey]);
      else if (r.measure) rows[r.key] = table[r.key] ?? measuredValue(r.measure as MeasureKey, undefined);
      else rows[r.key] = { value: table[r.key]?.value ?? null };
    }
    out[s.key] = rows;
  }
  return out;
}

const editable = (status: string) => status === 'draft' || status === 'returned';

function closedError(t: TemplateRow, c: CycleRow) {
  return new AppError(
    'conflict',
    `Kỳ báo cáo ${t.name} – ${cycleLabel(t.cycle, c.year, c.period)} đã đóng, không nhận báo cáo nữa.`,
  );
}

/** The submission as its agency and the IT department see it. */
export async function getSubmission(ctx: Ctx, id: string): Promise<SubmissionView> {
  const r = await visible(ctx, id);
  return present(ctx, r);
}

async function present(ctx: Ctx, r: Loaded & { own: boolean; review: boolean }): Promise<SubmissionView> {
  const { s, c, t } = r;
  const sections = sectionsOf(t);
  const fresh = editable(s.status) ? await measuredFor(ctx.db, t, c, s.agencyId, ctx.now()) : null;
  const [cycle] = await cycleViews(ctx, [{ c, t }]);
  const agency = await findAgency(ctx.db, s.agencyId);
  const returns = await ctx.db
    .select()
    .from(reportReturns)
    .where(eq(reportReturns.submissionId, s.id))
    .orderBy(asc(reportReturns.createdAt), asc(reportReturns.id));
  const names = await personNames(
    ctx.db,
    returns.map((x) => x.returnedBy).filter((x): x is string => !!x),
  );
  const open = c.status === 'open';
  const edit = r.own && open && editable(s.status);
  return {
    id: s.id,
    cycle: cycle!,
    agencyId: s.agencyId,
    agencyName: agency?.name ?? '',
    status: s.status as SubmissionStatus,
    late: isLate(s.status, c.dueDate, vnDate(ctx.now())),
    version: s.version,
    sections,
    values: valuesOf(sections, s.values as Stored, fresh),
    submittedAt: s.submittedAt?.toISOString() ?? null,
    acceptedAt: s.acceptedAt?.toISOString() ?? null,
    returns: returns.map((x) => ({
      comment: x.comment,
      by: x.returnedBy ? (names.get(x.returnedBy) ?? null) : null,
      at: x.createdAt.toISOString(),
    })),
    can: {
      edit,
      submit: edit && !!ctx.actor.role && SUBMITTERS.has(ctx.actor.role),
      review: r.review && open && s.status === 'submitted',
    },
  };
}

/** Checks a save against the template and merges it into the stored values (typed content only). */
export function mergeSave(
  sections: TemplateSection[],
  stored: Stored,
  input: SubmissionSave['values'],
): Stored {
  const fields: FieldError[] = [];
  const byKey = new Map(sections.map((s) => [s.key, s]));
  const out: Stored = { ...stored };
  for (const [key, v] of Object.entries(input)) {
    const s = byKey.get(key);
    if (!s) {
      fields.push({ path: `values.${key}`, message: `Mục «${key}» không có trong mẫu báo cáo.` });
      continue;
    }
    if (s.kind === 'text') {
      if (typeof v !== 'string')
        fields.push({
          path: `values.${key}`,
          message: `Mục «${s.title}» là nội dung chữ, không phải bảng số liệu.`,
        });
      else out[key] = v;
      continue;
    }
    if (typeof v === 'string') {
      fields.push({
        path: `values.${key}`,
        message: `Mục «${s.title}» là bảng số liệu, không phải nội dung chữ.`,
      });
      continue;
    }
    const rows = new Map(s.rows.map((r) => [r.key, r]));
    const table: Record<string, RowValue> = {};
    for (const [rowKey, n] of Object.entries(v)) {
      const row = rows.get(rowKey);
      if (!row)
        fields.push({
          path: `values.${key}.${rowKey}`,
          message: `Dòng «${rowKey}» không có trong mục «${s.title}».`,
        });
      else if (row.measure) {
        if (n !== null)
          fields.push({
            path: `values.${key}.${rowKey}`,
            message: `Dòng «${row.label}» tự điền từ hệ thống, không nhập tay.`,
          });
      } else table[rowKey] = { value: n };
    }
    out[key] = table;
  }
  if (fields.length) throw new AppError('unprocessable', fields.map((f) => f.message).join(' '), { fields });
  return out;
}

/** Saves the draft (own agency; draft or returned; open cycle; the version that was edited). */
export async function saveSubmission(ctx: Ctx, id: string, input: SubmissionSave): Promise<SubmissionView> {
  const first = await visible(ctx, id);
  if (!first.own) throw forbidden('Chỉ cơ quan được giao báo cáo mới soạn được báo cáo này.');
  await ctx.db.transaction(async (tx) => {
    const r = (await load(tx, id, true))!;
    if (r.c.status !== 'open') throw closedError(r.t, r.c);
    if (!editable(r.s.status))
      throw new AppError('conflict', 'Báo cáo đã gửi; chỉ sửa được khi đang soạn hoặc bị trả lại.');
    if (r.s.version !== input.version)
      throw new AppError(
        'conflict',
        'Báo cáo vừa được người khác lưu sau khi bạn mở; hãy tải lại để xem bản mới nhất rồi sửa tiếp.',
        { extra: { version: r.s.version } },
      );
    const values = mergeSave(sectionsOf(r.t), r.s.values as Stored, input.values);
    await tx
      .update(reportSubmissions)
      .set({ values, version: r.s.version + 1, updatedBy: ctx.actor.personId, updatedAt: ctx.now() })
      .where(eq(reportSubmissions.id, id));
    await audit(tx, ctx.actor, {
      action: 'reports.submission.save',
      entityType: 'report_submission',
      entityId: id,
      agencyId: r.s.agencyId,
      detail: { cycleId: r.c.id, version: r.s.version + 1, sections: Object.keys(input.values) },
    });
  });
  return getSubmission(ctx, id);
}

/** The typed rows still empty: a submission needs every typed number (text may stay empty). */
export function missingRows(sections: TemplateSection[], stored: Stored): FieldError[] {
  const out: FieldError[] = [];
  for (const s of sections) {
    if (s.kind !== 'table') continue;
    const table = stored[s.key];
    for (const r of s.rows) {
      if (r.measure) continue;
      const v = table && typeof table === 'object' ? table[r.key]?.value : null;
      if (v === null || v === undefined)
        out.push({ path: `values.${s.key}.${r.key}`, message: `«${r.label}» (mục «${s.title}»)` });
    }
  }
  return out;
}

/** Sends the report: the measured rows are frozen as counted now. */
export async function submitSubmission(ctx: Ctx, id: string): Promise<SubmissionView> {
  const first = await visible(ctx, id);
  if (!first.own) throw forbidden('Chỉ cơ quan được giao báo cáo mới gửi được báo cáo này.');
  if (!ctx.actor.role || !SUBMITTERS.has(ctx.actor.role))
    throw forbidden('Chỉ lãnh đạo cơ quan, trưởng phòng hoặc văn thư gửi được báo cáo.');
  const fresh = await measuredFor(ctx.db, first.t, first.c, first.s.agencyId, ctx.now());
  await ctx.db.transaction(async (tx) => {
    const r = (await load(tx, id, true))!;
    if (r.c.status !== 'open') throw closedError(r.t, r.c);
    if (!editable(r.s.status))
      throw new AppError(
        'conflict',
        r.s.status === 'accepted' ? 'Báo cáo đã được tiếp nhận.' : 'Báo cáo đã được gửi, đang chờ tiếp nhận.',
      );
    const sections = sectionsOf(r.t);
    const stored = r.s.values as Stored;
    const missing = missingRows(sections, stored);
    if (missing.length)
      throw new AppError(
        'unprocessable',
        `Chưa nhập đủ số liệu, chưa gửi được báo cáo. Còn thiếu: ${missing.map((m) => m.message).join('; ')}.`,
        { fields: missing.map((m) => ({ path: m.path, message: 'Hãy nhập số liệu.' })) },
      );
    const values = valuesOf(sections, stored, fresh);
    await tx
      .update(reportSubmissions)
      .set({
        values,
        status: 'submitted',
        version: r.s.version + 1,
        submittedAt: ctx.now(),
        submittedBy: ctx.actor.personId,
        updatedBy: ctx.actor.personId,
        updatedAt: ctx.now(),
      })
      .where(eq(reportSubmissions.id, id));
    await audit(tx, ctx.actor, {
      action: 'reports.submission.submit',
      entityType: 'report_submission',
      entityId: id,
      agencyId: r.s.agencyId,
      detail: { cycleId: r.c.id, version: r.s.version + 1, resubmitted: r.s.status === 'returned' },
    });
  });
  return getSubmission(ctx, id);
}

async function review(
  ctx: Ctx,
  id: string,
  to: 'returned' | 'accepted',
  comment?: string,
): Promise<SubmissionView> {
  await assertConsolidator(ctx);
  if (!(await load(ctx.db, id))) throw notFound('Báo cáo');
  await ctx.db.transaction(async (tx) => {
    const r = (await load(tx, id, true))!;
    if (r.c.status !== 'open') throw closedError(r.t, r.c);
    if (r.s.status !== 'submitted')
      throw new AppError(
        'conflict',
        to === 'returned'
          ? 'Chỉ trả lại được báo cáo đã gửi và chưa được tiếp nhận.'
          : 'Chỉ tiếp nhận được báo cáo đã gửi và chưa bị trả lại.',
      );
    const now = ctx.now();
    await tx
      .update(reportSubmissions)
      .set(
        to === 'accepted'
          ? {
              status: to,
              version: r.s.version + 1,
              acceptedAt: now,
              acceptedBy: ctx.actor.personId,
              updatedAt: now,
            }
          : { status: to, version: r.s.version + 1, updatedAt: now },
      )
      .where(eq(reportSubmissions.id, id));
    if (to === 'returned')
      await tx
        .insert(reportReturns)
        .values({ submissionId: id, comment: comment!, returnedBy: ctx.actor.personId, createdAt: now });
    await audit(tx, ctx.actor, {
      action: to === 'returned' ? 'reports.submission.return' : 'reports.submission.accept',
      entityType: 'report_submission',
      entityId: id,
      detail: { cycleId: r.c.id, agencyId: r.s.agencyId, ...(comment ? { comment } : {}) },
    });
    const label = `${r.t.name} – ${cycleLabel(r.t.cycle, r.c.year, r.c.period)}`;
    const people = [...((await reportContacts(tx, [r.s.agencyId])).get(r.s.agencyId) ?? []), r.s.submittedBy];
    await notify(
      tx,
      to === 'returned' ? people : [r.s.submittedBy],
      to === 'returned'
        ? {
            kind: 'reports.returned',
            title: `Báo cáo bị trả lại: ${label}`,
            body: comment!.slice(0, 500),
            link: submissionLink(id),
            dedupeKey: `reports:returned:${id}:${r.s.version + 1}`,
          }
        : {
            kind: 'reports.accepted',
            title: `Báo cáo đã được tiếp nhận: ${label}`,
            link: submissionLink(id),
            dedupeKey: `reports:accepted:${id}`,
          },
    );
  });
  return getSubmission(ctx, id);
}

/** The IT department returns a submitted report with its comment: the agency revises and resubmits. */
export const returnSubmission = (ctx: Ctx, id: string, comment: string) =>
  review(ctx, id, 'returned', comment);
/** The IT department accepts a submitted report: it counts in the consolidation. */
export const acceptSubmission = (ctx: Ctx, id: string) => review(ctx, id, 'accepted');

/** For report-model.ts: the loaded submission, with the same visibility rule as the view. */
export async function visibleSubmission(ctx: Ctx, id: string) {
  return visible(ctx, id);
}
