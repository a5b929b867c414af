import { and, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { planAppraiseInput, planCommentInput, planReturnInput } from '../../../shared/reports/plans.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { findAgency } from '../agencies/index.ts';
import { createOutgoingDraft } from '../documents/index.ts';
import { notify } from '../notifications/index.ts';
import { holdersByAgency } from '../people/index.ts';
import { itAgencyId } from './measures.ts';
import { allows, loadPlan, type PlanRow, planAuthors, rootAgencyOf, tasksOf, wrongState } from './plans.ts';
import { itPlanComments, itPlans } from './schema.ts';

/*
 * IT plans (issue 20), the province's side: the IT department (report_settings.it_agency_id)
 * comments on a submitted plan or its tasks, returns it or appraises it with its opinion; the People's
 * Committee's leader (the root of the agencies' tree) approves an appraised plan, and may issue the
 * approval as an outgoing document drafted in the People's Committee through the documents module.
 */

const link = (id: string) => `/bao-cao/ke-hoach/${id}`;

/** The acting person appraises for the IT department, or 403 naming who does. */
async function assertItReviewer(ctx: Ctx): Promise<void> {
  const it = await itAgencyId(ctx.db);
  if (!it)
    throw forbidden(
      'Tỉnh chưa chọn cơ quan chuyên trách công nghệ thông tin: chưa ai thẩm định được kế hoạch.',
    );
  if (ctx.actor.agencyId !== it || !allows(ctx, 'plans.review')) {
    const name = (await findAgency(ctx.db, it))?.name ?? 'cơ quan chuyên trách công nghệ thông tin';
    throw forbidden(`Chỉ ${name} (cơ quan chuyên trách công nghệ thông tin) thẩm định kế hoạch.`);
  }
}

/** The acting person is a leader of the People's Committee (a root of the tree), or 403. */
async function assertRootLeader(ctx: Ctx): Promise<void> {
  const own = ctx.actor.agencyId ? await findAgency(ctx.db, ctx.actor.agencyId) : undefined;
  if (!own || own.parentId !== null || ctx.actor.role !== 'agency_leader' || !allows(ctx, 'plans.review'))
    throw forbidden('Chỉ lãnh đạo Ủy ban nhân dân tỉnh phê duyệt kế hoạch ứng dụng công nghệ thông tin.');
}

/** A comment of the IT department on the submitted plan (taskId null) or one of its tasks. */
export async function commentOnPlan(
  ctx: Ctx,
  planId: string,
  input: z.output<typeof planCommentInput>,
): Promise<void> {
  await assertItReviewer(ctx);
  await inTx(ctx, async (c) => {
    const { plan } = await loadPlan(c, planId, { forUpdate: true });
    if (plan.status !== 'submitted') throw wrongState(plan, 'chỉ góp ý khi kế hoạch đang chờ thẩm định.');
    const taskId = input.taskId ?? null;
    if (taskId && !(await tasksOf(c.db, planId)).some((t) => t.id === taskId))
      throw new AppError('unprocessable', 'Nhiệm vụ được góp ý không thuộc kế hoạch này.', {
        fields: [{ path: 'body.taskId', message: 'Nhiệm vụ không thuộc kế hoạch này.' }],
      });
    const [row] = await c.db
      .insert(itPlanComments)
      .values({ planId, taskId, version: plan.version, body: input.body, authorId: c.actor.personId })
      .returning({ id: itPlanComments.id });
    await audit(c.db, c.actor, {
      action: 'plans.comment',
      entityType: 'it_plan',
      entityId: planId,
      detail: { commentId: row!.id, taskId, version: plan.version },
    });
  });
}

/** The IT department returns the plan to its agency with its comments (at least one on this version). */
export async function returnPlan(
  ctx: Ctx,
  planId: string,
  input: z.output<typeof planReturnInput>,
): Promise<void> {
  await assertItReviewer(ctx);
  await inTx(ctx, async (c) => {
    const { plan } = await loadPlan(c, planId, { forUpdate: true });
    if (plan.status !== 'submitted') throw wrongState(plan, 'chỉ trả lại kế hoạch đang chờ thẩm định.');
    if (input.comment)
      await c.db.insert(itPlanComments).values({
        planId,
        taskId: null,
        version: plan.version,
        body: input.comment,
        authorId: c.actor.personId,
      });
    const [n] = await c.db
      .select({ n: count() })
      .from(itPlanComments)
      .where(and(eq(itPlanComments.planId, planId), eq(itPlanComments.version, plan.version)));
    if (!n?.n)
      throw new AppError(
        'unprocessable',
        'Hãy ghi ít nhất một ý kiến (về kế hoạch hoặc về từng nhiệm vụ) trước khi trả lại.',
      );
    await c.db.update(itPlans).set({ status: 'returned', updatedAt: c.now() }).where(eq(itPlans.id, planId));
    await audit(c.db, c.actor, {
      action: 'plans.return',
      entityType: 'it_plan',
      entityId: planId,
      detail: { version: plan.version, comments: n.n },
    });
    await notify(c.db, await planAuthors(c.db, plan), {
      kind: 'plans.returned',
      title: `${plan.title} (lần trình ${plan.version}) được trả lại kèm ${n.n} ý kiến thẩm định`,
      link: link(planId),
    });
  });
}

/** The IT department appraises the plan with its opinion; the People's Committee's leaders are told. */
export async function appraisePlan(
  ctx: Ctx,
  planId: string,
  input: z.output<typeof planAppraiseInput>,
): Promise<void> {
  await assertItReviewer(ctx);
  await inTx(ctx, async (c) => {
    const { plan } = await loadPlan(c, planId, { forUpdate: true });
    if (plan.status !== 'submitted') throw wrongState(plan, 'chỉ thẩm định kế hoạch đang chờ thẩm định.');
    const at = c.now();
    await c.db
      .update(itPlans)
      .set({
        status: 'appraised',
        appraisedAt: at,
        appraisedBy: c.actor.personId,
        appraisalOpinion: input.opinion,
        updatedAt: at,
      })
      .where(eq(itPlans.id, planId));
    await audit(c.db, c.actor, {
      action: 'plans.appraise',
      entityType: 'it_plan',
      entityId: planId,
      detail: { version: plan.version },
    });
    const root = await rootAgencyOf(c.db, plan.agencyId);
    const agency = await findAgency(c.db, plan.agencyId);
    await notify(c.db, (await holdersByAgency(c.db, [root], 'agency_leader')).get(root) ?? [], {
      kind: 'plans.appraised',
      title: `${plan.title} của ${agency?.name ?? 'đơn vị'} đã được thẩm định, chờ phê duyệt`,
      link: link(planId),
    });
  });
}

/** Drafts the decision approving the plan in the People's Committee and links it to the plan. */
async function draftDecision(c: Ctx, plan: PlanRow): Promise<string> {
  const agency = await findAgency(c.db, plan.agencyId);
  const it = await itAgencyId(c.db);
  const recipients = [...new Set([plan.agencyId, it].filter((x): x is string => !!x))]
    .filter((id) => id !== c.actor.agencyId)
    .map((agencyId) => ({ kind: 'agency' as const, agencyId }));
  const { id } = await createOutgoingDraft(c, {
    typeCode: 'quyet_dinh',
    summary: `Phê duyệt ${plan.title} của ${agency?.name ?? 'đơn vị'}`,
    recipients,
  });
  await c.db
    .update(itPlans)
    .set({ approvalDocumentId: id, updatedAt: c.now() })
    .where(eq(itPlans.id, plan.id));
  await audit(c.db, c.actor, {
    action: 'plans.decision',
    entityType: 'it_plan',
    entityId: plan.id,
    detail: { documentId: id },
  });
  return id;
}

/**
 * The People's Committee's leader approves an appraised plan; with `issueDecision`, the approving
 * decision is drafted at once as an outgoing document of the People's Committee.
 */
export async function approvePlan(
  ctx: Ctx,
  planId: string,
  input: { issueDecision: boolean },
): Promise<void> {
  await assertRootLeader(ctx);
  await inTx(ctx, async (c) => {
    const { plan, viewer } = await loadPlan(c, planId, { forUpdate: true });
    if (!viewer.rootLeader) throw forbidden('Chỉ lãnh đạo Ủy ban nhân dân tỉnh phê duyệt kế hoạch này.');
    if (plan.status !== 'appraised') throw wrongState(plan, 'chỉ phê duyệt kế hoạch đã được thẩm định.');
    const at = c.now();
    await c.db
      .update(itPlans)
      .set({ status: 'approved', approvedAt: at, approvedBy: c.actor.personId, updatedAt: at })
      .where(eq(itPlans.id, planId));
    await audit(c.db, c.actor, {
      action: 'plans.approve',
      entityType: 'it_plan',
      entityId: planId,
      detail: { version: plan.version, issueDecision: input.issueDecision },
    });
    if (input.issueDecision) await draftDecision(c, { ...plan, status: 'approved' });
    await notify(c.db, await planAuthors(c.db, plan), {
      kind: 'plans.approved',
      title: `${plan.title} đã được phê duyệt`,
      link: link(planId),
    });
  });
}

/** "Phát hành quyết định phê duyệt" after the approval: drafts the decision once. */
export async function issueDecision(ctx: Ctx, planId: string): Promise<{ documentId: string }> {
  await assertRootLeader(ctx);
  return inTx(ctx, async (c) => {
    const { plan, viewer } = await loadPlan(c, planId, { forUpdate: true });
    if (!viewer.rootLeader) throw forbidden('Chỉ lãnh đạo Ủy ban nhân dân tỉnh ban hành quyết định này.');
    if (plan.status !== 'approved')
      throw wrongState(plan, 'chỉ phát hành quyết định phê duyệt khi kế hoạch đã được phê duyệt.');
    if (plan.approvalDocumentId)
      throw new AppError(
        'conflict',
        'Quyết định phê duyệt kế hoạch này đã được tạo: mở văn bản để xử lý tiếp.',
      );
    return { documentId: await draftDecision(c, plan) };
  });
}
