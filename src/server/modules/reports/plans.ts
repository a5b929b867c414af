import { and, asc, desc, eq, inArray, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { vnYear } from '../../../shared/calendar/index.ts';
import {
  defaultPlanTitle,
  hasBudgetLine,
  type PlanActions,
  type PlanCreateInput,
  type PlanListItem,
  type PlanListQuery,
  type PlanPage,
  type PlanStatus,
  type PlanVersionSnapshot,
  type PlanView,
  type planProgressInput,
  type planSaveInput,
  planYears,
  weightedProgress,
} from '../../../shared/reports/plans.ts';
import type { Db } from '../../db/client.ts';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { type Permission, roleAllows } from '../../platform/access/permissions.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { findAgencies, findAgency, subtreeIds } from '../agencies/index.ts';
import { findDocument } from '../documents/index.ts';
import { notify } from '../notifications/index.ts';
import { holdersByAgency, personNames } from '../people/index.ts';
import { itAgencyId } from './measures.ts';
import { itPlanComments, itPlans, itPlanTasks, itPlanVersions } from './schema.ts';

/*
 * IT plans (issue 20), the agency's side: drafting five-year and annual plans, saving their tasks,
 * submitting them as numbered versions, resolving the appraisal's comments, reporting progress; the
 * plan as each person sees it, with the actions open to them; the agency's list and the province's
 * overview. The appraisal and the approval are in plans-appraisal.ts.
 */

export type PlanRow = typeof itPlans.$inferSelect;
export type TaskRow = typeof itPlanTasks.$inferSelect;

const PLAN = 'Kế hoạch ứng dụng công nghệ thông tin';

export function allows(ctx: Ctx, p: Permission): boolean {
  return !!ctx.actor.role && roleAllows(ctx.actor.role, p);
}

/** The root of the agency's tree: the province's People's Committee, which approves the plan. */
export async function rootAgencyOf(db: Db, agencyId: string): Promise<string> {
  let id = agencyId;
  for (let depth = 0; depth < 32; depth++) {
    const a = await findAgency(db, id);
    if (!a?.parentId) return id;
    id = a.parentId;
  }
  return id;
}

/** How the acting person stands to a plan. */
export interface Viewer {
  /** Of the plan's agency, with plans.edit: drafts, submits, reports progress. */
  own: boolean;
  /** Of the IT department, with plans.review: appraises. */
  it: boolean;
  /** Of the People's Committee (the tree's root), with plans.review; its leaders approve. */
  root: boolean;
  rootLeader: boolean;
  admin: boolean;
}

export async function viewerOf(ctx: Ctx, plan: PlanRow): Promise<Viewer> {
  const mine = ctx.actor.agencyId;
  const review = allows(ctx, 'plans.review');
  const own = !!mine && mine === plan.agencyId && allows(ctx, 'plans.edit');
  const it = !!mine && review && mine === (await itAgencyId(ctx.db));
  const root = !!mine && review && mine === (await rootAgencyOf(ctx.db, plan.agencyId));
  return {
    own,
    it,
    root,
    rootLeader: root && ctx.actor.role === 'agency_leader',
    admin: isSystemAdmin(ctx.actor),
  };
}

/**
 * The plan as the acting person may see it, or 404: the agency sees its own plans; the IT department,
 * the People's Committee and the system administrator see them once submitted.
 */
export async function loadPlan(
  ctx: Ctx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<{ plan: PlanRow; viewer: Viewer }> {
  const q = ctx.db.select().from(itPlans).where(eq(itPlans.id, id));
  const [plan] = opts.forUpdate ? await q.for('update') : await q;
  if (!plan) throw notFound(PLAN);
  const viewer = await viewerOf(ctx, plan);
  const visible = viewer.own || ((viewer.it || viewer.root || viewer.admin) && plan.status !== 'draft');
  if (!visible) throw notFound(PLAN);
  return { plan, viewer };
}

/** A refused step of the flow: 409 with what the plan's state is. */
export function wrongState(plan: PlanRow, wanted: string): AppError {
  const now: Record<PlanStatus, string> = {
    draft: 'đang soạn, chưa trình',
    submitted: 'đã trình, đang chờ thẩm định',
    returned: 'đã bị trả lại để chỉnh sửa',
    appraised: 'đã được thẩm định, đang chờ phê duyệt',
    approved: 'đã được phê duyệt',
  };
  return new AppError('conflict', `Kế hoạch ${now[plan.status as PlanStatus]}: ${wanted}`);
}

const editable = (p: PlanRow) => p.status === 'draft' || p.status === 'returned';

function assertOwn(viewer: Viewer): void {
  if (!viewer.own) throw forbidden('Chỉ đơn vị lập kế hoạch được thực hiện thao tác này.');
}

/** Whether progress may be reported today: an approved annual plan, during its year. */
function progressOpen(ctx: Ctx, plan: PlanRow): boolean {
  const y = vnYear(ctx.now());
  return plan.kind === 'annual' && plan.status === 'approved' && y >= plan.startYear && y <= plan.endYear;
}

export function actionsFor(ctx: Ctx, plan: PlanRow, v: Viewer): PlanActions {
  const leads = ctx.actor.role === 'agency_leader' || ctx.actor.role === 'division_head';
  const submitted = plan.status === 'submitted';
  return {
    edit: v.own && editable(plan),
    delete: v.own && plan.status === 'draft' && plan.version === 0,
    submit: v.own && leads && editable(plan),
    resolveComments: v.own && plan.status === 'returned',
    comment: v.it && submitted,
    returnPlan: v.it && submitted,
    appraise: v.it && submitted,
    approve: v.rootLeader && plan.status === 'appraised',
    issueDecision: v.rootLeader && plan.status === 'approved' && !plan.approvalDocumentId,
    reportProgress: v.own && progressOpen(ctx, plan),
  };
}

export async function tasksOf(db: Db, planId: string): Promise<TaskRow[]> {
  return db
    .select()
    .from(itPlanTasks)
    .where(eq(itPlanTasks.planId, planId))
    .orderBy(asc(itPlanTasks.ordinal));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---- Creating, saving, deleting ----

/** A new plan of the acting person's agency, in draft (version 0: never submitted). */
export async function createPlan(ctx: Ctx, input: PlanCreateInput): Promise<{ id: string }> {
  const agencyId = ctx.actor.agencyId;
  if (!agencyId || !allows(ctx, 'plans.edit'))
    throw forbidden('Bạn chưa có chức vụ trong cơ quan nào để lập kế hoạch.');
  const { startYear, endYear } = planYears(input.kind, input.startYear);
  return inTx(ctx, async (c) => {
    // One writer of an agency's plans at a time: the checks below hold until commit.
    await c.db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`it_plans:${agencyId}`}))`);
    const mine = await c.db
      .select()
      .from(itPlans)
      .where(eq(itPlans.agencyId, agencyId))
      .orderBy(asc(itPlans.startYear));
    let parentPlanId: string | null = null;
    if (input.kind === 'five_year') {
      const overlap = mine.find(
        (p) => p.kind === 'five_year' && p.startYear <= endYear && p.endYear >= startYear,
      );
      if (overlap)
        throw new AppError(
          'conflict',
          `Đơn vị đã có kế hoạch 5 năm ${overlap.startYear}–${overlap.endYear}: hai kế hoạch 5 năm không được trùng năm.`,
        );
    } else {
      if (mine.some((p) => p.kind === 'annual' && p.startYear === startYear))
        throw new AppError('conflict', `Đơn vị đã có kế hoạch năm ${startYear}.`);
      const parent = mine.find(
        (p) => p.kind === 'five_year' && p.startYear <= startYear && p.endYear >= startYear,
      );
      if (!parent)
        throw new AppError(
          'unprocessable',
          `Đơn vị chưa có kế hoạch 5 năm bao gồm năm ${startYear}: hãy lập kế hoạch 5 năm trước.`,
        );
      parentPlanId = parent.id;
    }
    const [row] = await c.db
      .insert(itPlans)
      .values({
        agencyId,
        kind: input.kind,
        startYear,
        endYear,
        parentPlanId,
        title: input.title ?? defaultPlanTitle(input.kind, startYear),
        status: 'draft',
        version: 0,
        createdBy: c.actor.personId,
      })
      .returning({ id: itPlans.id });
    await audit(c.db, c.actor, {
      action: 'plans.create',
      entityType: 'it_plan',
      entityId: row!.id,
      detail: { kind: input.kind, startYear, endYear, parentPlanId },
    });
    return { id: row!.id };
  });
}

const inYears = (date: string, plan: PlanRow) => {
  const y = Number(date.slice(0, 4));
  return y >= plan.startYear && y <= plan.endYear;
};

/**
 * Saves a draft or returned plan: its text and the whole list of its tasks (kept ones name their id,
 * missing ones are removed). Dates lie within the plan's years; an annual task may carry out a task of
 * the five-year plan above. A budget line may still be missing here: submission requires it.
 */
export async function savePlan(ctx: Ctx, id: string, input: z.output<typeof planSaveInput>): Promise<void> {
  await inTx(ctx, async (c) => {
    const { plan, viewer } = await loadPlan(c, id, { forUpdate: true });
    assertOwn(viewer);
    if (!editable(plan)) throw wrongState(plan, 'không sửa được.');
    const existing = new Map((await tasksOf(c.db, id)).map((t) => [t.id, t]));
    const parentTasks =
      plan.kind === 'annual' && plan.parentPlanId
        ? new Set((await tasksOf(c.db, plan.parentPlanId)).map((t) => t.id))
        : new Set<string>();
    const fields: FieldError[] = [];
    const seen = new Set<string>();
    const years =
      plan.startYear === plan.endYear ? `năm ${plan.startYear}` : `các năm ${plan.startYear}–${plan.endYear}`;
    input.tasks.forEach((t, i) => {
      const at = (f: string) => `body.tasks.${i}.${f}`;
      const named = `Nhiệm vụ «${t.name}»`;
      if (t.id && (!existing.has(t.id) || seen.has(t.id)))
        fields.push({ path: at('id'), message: `${named} không thuộc kế hoạch này.` });
      if (t.id) seen.add(t.id);
      if (t.parentTaskId && plan.kind === 'five_year')
        fields.push({
          path: at('parentTaskId'),
          message: `${named}: nhiệm vụ của kế hoạch 5 năm không gắn với nhiệm vụ khác.`,
        });
      else if (t.parentTaskId && !parentTasks.has(t.parentTaskId))
        fields.push({
          path: at('parentTaskId'),
          message: `${named} gắn với một nhiệm vụ không thuộc kế hoạch 5 năm của đơn vị.`,
        });
      if (t.startDate && !inYears(t.startDate, plan))
        fields.push({ path: at('startDate'), message: `${named}: ngày bắt đầu phải trong ${years}.` });
      if (t.endDate && !inYears(t.endDate, plan))
        fields.push({ path: at('endDate'), message: `${named}: ngày kết thúc phải trong ${years}.` });
      if (t.startDate && t.endDate && t.startDate > t.endDate)
        fields.push({ path: at('endDate'), message: `${named}: ngày kết thúc trước ngày bắt đầu.` });
      if (t.budgetAmount !== null && t.budgetAmount > 0 && !t.budgetSource)
        fields.push({
          path: at('budgetSource'),
          message: `${named}: chọn nguồn kinh phí của khoản kinh phí.`,
        });
    });
    if (fields.length) throw new AppError('unprocessable', fields[0]!.message, { fields });

    await c.db
      .update(itPlans)
      .set({
        title: input.title,
        objectives: input.objectives,
        expectedResults: input.expectedResults,
        updatedAt: c.now(),
      })
      .where(eq(itPlans.id, id));
    const removed = [...existing.keys()].filter((k) => !seen.has(k));
    if (removed.length) await c.db.delete(itPlanTasks).where(inArray(itPlanTasks.id, removed));
    let added = 0;
    for (const [i, t] of input.tasks.entries()) {
      const values = {
        ordinal: i + 1,
        name: t.name,
        parentTaskId: t.parentTaskId,
        budgetSource: t.budgetSource,
        budgetAmount: t.budgetAmount,
        startDate: t.startDate,
        endDate: t.endDate,
        expectedResult: t.expectedResult,
      };
      if (t.id) await c.db.update(itPlanTasks).set(values).where(eq(itPlanTasks.id, t.id));
      else {
        await c.db.insert(itPlanTasks).values({ planId: id, ...values });
        added++;
      }
    }
    await audit(c.db, c.actor, {
      action: 'plans.update',
      entityType: 'it_plan',
      entityId: id,
      agencyId: plan.agencyId,
      detail: { tasks: input.tasks.length, added, removed: removed.length },
    });
  });
}

/** A draft never submitted may be deleted by its agency. */
export async function deletePlan(ctx: Ctx, id: string): Promise<void> {
  await inTx(ctx, async (c) => {
    const { plan, viewer } = await loadPlan(c, id, { forUpdate: true });
    assertOwn(viewer);
    if (plan.status !== 'draft' || plan.version > 0) throw wrongState(plan, 'đã trình nên không xóa được.');
    const [child] = await c.db
      .select({ id: itPlans.id })
      .from(itPlans)
      .where(eq(itPlans.parentPlanId, id))
      .limit(1);
    if (child) throw new AppError('conflict', 'Kế hoạch 5 năm đã có kế hoạch năm đi kèm: không xóa được.');
    await c.db.delete(itPlans).where(eq(itPlans.id, id));
    await audit(c.db, c.actor, {
      action: 'plans.delete',
      entityType: 'it_plan',
      entityId: id,
      agencyId: plan.agencyId,
      detail: { kind: plan.kind, startYear: plan.startYear, title: plan.title },
    });
  });
}

// ---- Submission ----

/** The IT department's people who are told of a submission: its leaders and division heads. */
async function itReviewers(db: Db, itId: string): Promise<string[]> {
  const [leaders, heads] = await Promise.all([
    holdersByAgency(db, [itId], 'agency_leader'),
    holdersByAgency(db, [itId], 'division_head'),
  ]);
  return [...(leaders.get(itId) ?? []), ...(heads.get(itId) ?? [])];
}

/**
 * The agency's leader or a division head submits the plan to the IT department: a new version with
 * its snapshot, the plan locked until returned. An annual plan's every task needs its budget line.
 */
export async function submitPlan(ctx: Ctx, id: string): Promise<void> {
  await inTx(ctx, async (c) => {
    const { plan, viewer } = await loadPlan(c, id, { forUpdate: true });
    assertOwn(viewer);
    if (c.actor.role !== 'agency_leader' && c.actor.role !== 'division_head')
      throw forbidden('Chỉ lãnh đạo đơn vị hoặc trưởng phòng được trình kế hoạch.');
    if (!editable(plan)) throw wrongState(plan, 'không trình lại được.');
    const tasks = await tasksOf(c.db, id);
    if (tasks.length === 0)
      throw new AppError(
        'unprocessable',
        'Kế hoạch chưa có nhiệm vụ nào: hãy thêm nhiệm vụ trước khi trình.',
      );
    if (plan.kind === 'annual') {
      const missing = tasks.filter((t) => !hasBudgetLine(t));
      if (missing.length)
        throw new AppError(
          'unprocessable',
          `Nhiệm vụ ${missing.map((t) => `«${t.name}»`).join(', ')} chưa có nguồn kinh phí.`,
          {
            fields: missing.map((t) => ({
              path: `tasks.${t.ordinal - 1}.budgetSource`,
              message: `Nhiệm vụ «${t.name}» chưa có nguồn kinh phí.`,
            })),
          },
        );
    }
    const itId = await itAgencyId(c.db);
    if (!itId)
      throw new AppError(
        'conflict',
        'Tỉnh chưa chọn cơ quan chuyên trách công nghệ thông tin để thẩm định kế hoạch: hãy báo quản trị hệ thống.',
      );
    const version = plan.version + 1;
    const at = c.now();
    await c.db
      .update(itPlans)
      .set({ status: 'submitted', version, submittedAt: at, updatedAt: at })
      .where(eq(itPlans.id, id));
    const snapshot: Omit<PlanVersionSnapshot, 'version' | 'submittedAt' | 'submittedByName'> = {
      title: plan.title,
      objectives: plan.objectives,
      expectedResults: plan.expectedResults,
      tasks: tasks.map((t) => ({
        id: t.id,
        name: t.name,
        parentTaskId: t.parentTaskId,
        budgetSource: t.budgetSource,
        budgetAmount: t.budgetAmount,
        startDate: t.startDate,
        endDate: t.endDate,
        expectedResult: t.expectedResult,
      })),
    };
    await c.db
      .insert(itPlanVersions)
      .values({ planId: id, version, snapshot, submittedBy: c.actor.personId, createdAt: at });
    await audit(c.db, c.actor, {
      action: 'plans.submit',
      entityType: 'it_plan',
      entityId: id,
      agencyId: plan.agencyId,
      detail: { version, tasks: tasks.length },
    });
    const agency = await findAgency(c.db, plan.agencyId);
    await notify(c.db, await itReviewers(c.db, itId), {
      kind: 'plans.submitted',
      title: `${agency?.name ?? 'Một đơn vị'} trình ${plan.title} (lần ${version}) để thẩm định`,
      link: `/bao-cao/ke-hoach/${id}`,
    });
  });
}

/** Who is told when the IT department or the People's Committee acts: the plan's maker and submitter. */
export async function planAuthors(db: Db, plan: PlanRow): Promise<string[]> {
  const [v] = await db
    .select({ by: itPlanVersions.submittedBy })
    .from(itPlanVersions)
    .where(and(eq(itPlanVersions.planId, plan.id), eq(itPlanVersions.version, plan.version)));
  return [plan.createdBy, v?.by].filter((x): x is string => !!x);
}

// ---- The agency's answers to the appraisal, progress ----

/** The agency marks an appraisal comment as dealt with (or not) while revising the returned plan. */
export async function resolveComment(
  ctx: Ctx,
  planId: string,
  commentId: string,
  resolved: boolean,
): Promise<void> {
  await inTx(ctx, async (c) => {
    const { plan, viewer } = await loadPlan(c, planId, { forUpdate: true });
    assertOwn(viewer);
    if (plan.status !== 'returned')
      throw wrongState(plan, 'chỉ đánh dấu ý kiến đã xử lý khi kế hoạch bị trả lại để chỉnh sửa.');
    const [row] = await c.db
      .update(itPlanComments)
      .set({ resolvedAt: resolved ? c.now() : null })
      .where(and(eq(itPlanComments.id, commentId), eq(itPlanComments.planId, planId)))
      .returning({ id: itPlanComments.id });
    if (!row) throw notFound('Ý kiến thẩm định');
    await audit(c.db, c.actor, {
      action: resolved ? 'plans.comment.resolve' : 'plans.comment.reopen',
      entityType: 'it_plan',
      entityId: planId,
      agencyId: plan.agencyId,
      detail: { commentId },
    });
  });
}

/** The agency reports its tasks' progress (0–100 %, a note) during the year of an approved annual plan. */
export async function reportProgress(
  ctx: Ctx,
  planId: string,
  input: z.output<typeof planProgressInput>,
): Promise<void> {
  await inTx(ctx, async (c) => {
    const { plan, viewer } = await loadPlan(c, planId, { forUpdate: true });
    assertOwn(viewer);
    if (plan.kind !== 'annual')
      throw new AppError(
        'conflict',
        'Tiến độ được báo cáo theo nhiệm vụ của kế hoạch năm, không theo kế hoạch 5 năm.',
      );
    if (plan.status !== 'approved')
      throw wrongState(plan, 'chỉ báo cáo tiến độ khi kế hoạch đã được phê duyệt.');
    const y = vnYear(c.now());
    if (y < plan.startYear)
      throw new AppError(
        'conflict',
        `Kế hoạch năm ${plan.startYear} chưa đến năm thực hiện: báo cáo tiến độ từ ngày 01/01/${plan.startYear}.`,
      );
    if (y > plan.endYear)
      throw new AppError(
        'conflict',
        `Năm thực hiện kế hoạch (${plan.startYear}) đã kết thúc: không cập nhật tiến độ được nữa.`,
      );
    const tasks = new Map((await tasksOf(c.db, planId)).map((t) => [t.id, t]));
    const fields: FieldError[] = [];
    input.items.forEach((x, i) => {
      if (!tasks.has(x.taskId))
        fields.push({ path: `body.items.${i}.taskId`, message: 'Nhiệm vụ không thuộc kế hoạch này.' });
    });
    if (new Set(input.items.map((x) => x.taskId)).size !== input.items.length)
      fields.push({ path: 'body.items', message: 'Mỗi nhiệm vụ chỉ nhập tiến độ một lần.' });
    if (fields.length) throw new AppError('unprocessable', fields[0]!.message, { fields });
    const at = c.now();
    const changed: { taskId: string; from: number; to: number }[] = [];
    for (const x of input.items) {
      const t = tasks.get(x.taskId)!;
      const note = x.note ?? t.progressNote;
      if (t.progress === x.progress && (note ?? null) === (t.progressNote ?? null)) continue;
      await c.db
        .update(itPlanTasks)
        .set({
          progress: x.progress,
          progressNote: note || null,
          progressAt: at,
          progressBy: c.actor.personId,
        })
        .where(eq(itPlanTasks.id, x.taskId));
      changed.push({ taskId: x.taskId, from: t.progress, to: x.progress });
    }
    if (changed.length)
      await audit(c.db, c.actor, {
        action: 'plans.progress',
        entityType: 'it_plan',
        entityId: planId,
        agencyId: plan.agencyId,
        detail: { changed },
      });
  });
}

// ---- Reading ----

/** A submitted version as it was (the snapshot taken at submission). */
export async function planVersion(ctx: Ctx, planId: string, version: number): Promise<PlanVersionSnapshot> {
  await loadPlan(ctx, planId);
  const [v] = await ctx.db
    .select()
    .from(itPlanVersions)
    .where(and(eq(itPlanVersions.planId, planId), eq(itPlanVersions.version, version)));
  if (!v) throw notFound('Lần trình');
  const names = await personNames(ctx.db, v.submittedBy ? [v.submittedBy] : []);
  const snap = v.snapshot as Omit<PlanVersionSnapshot, 'version' | 'submittedAt' | 'submittedByName'>;
  return {
    version: v.version,
    submittedAt: v.createdAt.toISOString(),
    submittedByName: (v.submittedBy && names.get(v.submittedBy)) || '',
    ...snap,
  };
}

/** The plan with its tasks, comments, versions, totals and the actions open to the acting person. */
export async function planView(ctx: Ctx, id: string): Promise<PlanView> {
  const { plan, viewer } = await loadPlan(ctx, id);
  const db = ctx.db;
  const [tasks, comments, versions, agency] = await Promise.all([
    tasksOf(db, id),
    db
      .select()
      .from(itPlanComments)
      .where(eq(itPlanComments.planId, id))
      .orderBy(asc(itPlanComments.createdAt)),
    db
      .select()
      .from(itPlanVersions)
      .where(eq(itPlanVersions.planId, id))
      .orderBy(asc(itPlanVersions.version)),
    findAgency(db, plan.agencyId),
  ]);
  const parent = plan.parentPlanId
    ? (await db.select().from(itPlans).where(eq(itPlans.id, plan.parentPlanId)))[0]
    : undefined;
  const parentTasks = parent ? await tasksOf(db, parent.id) : [];
  const parentName = new Map(parentTasks.map((t) => [t.id, t.name]));
  const annual =
    plan.kind === 'five_year'
      ? await db
          .select({
            id: itPlans.id,
            startYear: itPlans.startYear,
            title: itPlans.title,
            status: itPlans.status,
          })
          .from(itPlans)
          .where(and(eq(itPlans.parentPlanId, id), viewer.own ? undefined : ne(itPlans.status, 'draft')))
          .orderBy(asc(itPlans.startYear))
      : [];
  const names = await personNames(
    db,
    [
      plan.appraisedBy,
      plan.approvedBy,
      ...comments.map((x) => x.authorId),
      ...versions.map((v) => v.submittedBy),
    ].filter((x): x is string => !!x),
  );
  const name = (pid: string | null) => (pid && names.get(pid)) || null;
  // A comment on a task removed since keeps the task's name from the version it was made on.
  const current = new Map(tasks.map((t) => [t.id, t.name]));
  const submitted = new Map<string, string>();
  for (const v of versions)
    for (const t of (v.snapshot as { tasks?: { id: string; name: string }[] }).tasks ?? [])
      submitted.set(t.id, t.name);
  const doc = plan.approvalDocumentId ? await findDocument(db, plan.approvalDocumentId) : undefined;
  const bySource = new Map<string, number>();
  for (const t of tasks)
    if (t.budgetAmount && t.budgetAmount > 0) {
      const k = t.budgetSource ?? 'Chưa rõ nguồn';
      bySource.set(k, (bySource.get(k) ?? 0) + t.budgetAmount);
    }
  return {
    id: plan.id,
    agencyId: plan.agencyId,
    agencyName: agency?.name ?? '',
    kind: plan.kind as PlanView['kind'],
    startYear: plan.startYear,
    endYear: plan.endYear,
    parentPlan: parent ? { id: parent.id, title: parent.title, status: parent.status as PlanStatus } : null,
    title: plan.title,
    objectives: plan.objectives,
    expectedResults: plan.expectedResults,
    status: plan.status as PlanStatus,
    version: plan.version,
    submittedAt: iso(plan.submittedAt),
    appraisedAt: iso(plan.appraisedAt),
    appraisedByName: name(plan.appraisedBy),
    appraisalOpinion: plan.appraisalOpinion,
    approvedAt: iso(plan.approvedAt),
    approvedByName: name(plan.approvedBy),
    approvalDocument: doc ? { id: doc.id, status: doc.status, numberNotation: doc.numberNotation } : null,
    tasks: tasks.map((t) => ({
      id: t.id,
      ordinal: t.ordinal,
      name: t.name,
      parentTaskId: t.parentTaskId,
      parentTaskName: t.parentTaskId ? (parentName.get(t.parentTaskId) ?? null) : null,
      budgetSource: t.budgetSource,
      budgetAmount: t.budgetAmount,
      startDate: t.startDate,
      endDate: t.endDate,
      expectedResult: t.expectedResult,
      progress: t.progress,
      progressNote: t.progressNote,
      progressAt: iso(t.progressAt),
    })),
    parentTasks: parentTasks.map((t) => ({ id: t.id, name: t.name })),
    comments: comments.map((x) => ({
      id: x.id,
      taskId: x.taskId,
      taskName: x.taskId ? (current.get(x.taskId) ?? submitted.get(x.taskId) ?? null) : null,
      version: x.version,
      body: x.body,
      authorName: name(x.authorId) ?? '',
      createdAt: x.createdAt.toISOString(),
      resolvedAt: iso(x.resolvedAt),
    })),
    versions: versions.map((v) => ({
      version: v.version,
      submittedAt: v.createdAt.toISOString(),
      submittedByName: name(v.submittedBy) ?? '',
    })),
    budget: {
      total: tasks.reduce((s, t) => s + Math.max(0, t.budgetAmount ?? 0), 0),
      bySource: [...bySource].map(([source, amount]) => ({ source, amount })),
    },
    progress: plan.kind === 'annual' && plan.status === 'approved' ? weightedProgress(tasks) : null,
    annualPlans: annual.map((a) => ({ ...a, status: a.status as PlanStatus })),
    actions: actionsFor(ctx, plan, viewer),
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One keyset page of plans (newest first), with their task count, budget and weighted progress. */
async function planPageOf(db: Db, where: SQL | undefined, q: PlanListQuery): Promise<PlanPage> {
  const after = decodeCursor(q.cursor, 1);
  if (after && !(typeof after[0] === 'string' && UUID_RE.test(after[0])))
    throw new AppError('bad_request', 'Tham số phân trang (cursor) không hợp lệ.');
  const weight = sql`greatest(coalesce(t.budget_amount, 0), 0)`;
  const rowsOut = await db
    .select({
      id: itPlans.id,
      agencyId: itPlans.agencyId,
      kind: itPlans.kind,
      startYear: itPlans.startYear,
      endYear: itPlans.endYear,
      title: itPlans.title,
      status: itPlans.status,
      version: itPlans.version,
      submittedAt: itPlans.submittedAt,
      taskCount: sql<number>`(SELECT count(*)::int FROM it_plan_tasks t WHERE t.plan_id = it_plans.id)`,
      budget: sql<number>`(SELECT coalesce(sum(${weight}), 0)::float8 FROM it_plan_tasks t WHERE t.plan_id = it_plans.id)`,
      progress: sql<number | null>`(SELECT CASE WHEN count(*) = 0 THEN NULL
          WHEN sum(${weight}) > 0 THEN round(sum(t.progress * ${weight})::numeric / sum(${weight}))::int
          ELSE round(avg(t.progress))::int END FROM it_plan_tasks t WHERE t.plan_id = it_plans.id)`,
    })
    .from(itPlans)
    .where(
      and(
        where,
        q.year !== undefined
          ? sql`${itPlans.startYear} <= ${q.year} AND ${itPlans.endYear} >= ${q.year}`
          : undefined,
        q.status ? eq(itPlans.status, q.status) : undefined,
        q.kind ? eq(itPlans.kind, q.kind) : undefined,
        after ? lt(itPlans.id, after[0] as string) : undefined,
      ),
    )
    .orderBy(desc(itPlans.id))
    .limit(q.limit + 1);
  const page = rowsOut.slice(0, q.limit);
  const agencies = await findAgencies(
    db,
    page.map((r) => r.agencyId),
  );
  const items: PlanListItem[] = page.map((r) => ({
    ...r,
    agencyName: agencies.get(r.agencyId)?.name ?? '',
    kind: r.kind as PlanListItem['kind'],
    status: r.status as PlanStatus,
    submittedAt: iso(r.submittedAt),
    taskCount: Number(r.taskCount),
    budget: Number(r.budget),
    progress:
      r.kind === 'annual' && r.status === 'approved' && r.progress !== null ? Number(r.progress) : null,
  }));
  const more = rowsOut.length > q.limit;
  return { items, nextCursor: more && page.length ? encodeCursor([page[page.length - 1]!.id]) : null };
}

/** The acting person's agency's own plans, drafts included. */
export async function listOwnPlans(ctx: Ctx, q: PlanListQuery): Promise<PlanPage> {
  const own = ctx.actor.agencyId;
  if (!own) throw forbidden('Bạn chưa có chức vụ trong cơ quan nào.');
  return planPageOf(ctx.db, eq(itPlans.agencyId, own), q);
}

/**
 * The submitted plans the acting person follows: every agency's for the IT department, the People's
 * Committee and the system administrator; otherwise those of the own agency and the units below it.
 */
export async function listPlanOverview(ctx: Ctx, q: PlanListQuery): Promise<PlanPage & { scope: string }> {
  const own = ctx.actor.agencyId;
  let wide = isSystemAdmin(ctx.actor);
  if (!wide && own) {
    const a = await findAgency(ctx.db, own);
    wide = !!a && (a.parentId === null || own === (await itAgencyId(ctx.db)));
  }
  if (!wide && !own) throw forbidden('Bạn chưa có chức vụ trong cơ quan nào.');
  const submitted = ne(itPlans.status, 'draft');
  if (wide) return { ...(await planPageOf(ctx.db, submitted, q)), scope: 'Toàn tỉnh' };
  const ids = await subtreeIds(ctx.db, own!);
  const page = await planPageOf(ctx.db, and(submitted, inArray(itPlans.agencyId, ids)), q);
  return { ...page, scope: (await findAgency(ctx.db, own!))?.name ?? '' };
}
