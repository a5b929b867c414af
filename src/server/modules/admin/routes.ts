import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rows } from '../../db/client.ts';
import { isSystemAdmin } from '../../platform/access/actor.ts';
import { audit, listAudit, verifyAuditChain } from '../../platform/audit/index.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { cancelJob, jobs, retryJob } from '../../platform/jobs/index.ts';
import { adminScope } from '../agencies/index.ts';
import { signInsToday } from '../people/index.ts';

const auditItem = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  agencyId: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.unknown(),
});

const jobItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

/** Administration: audit log viewer and chain check, the job queue, and the admin home figures. */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['admin'];

  app.get(
    '/api/v1/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: 'Nhật ký hệ thống (mới nhất trước)',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().regex(/^\d+$/).optional(),
          actorId: z.uuid().optional(),
          agencyId: z.uuid().optional(),
          action: z.string().max(100).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: z.object({ items: z.array(auditItem), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const q = req.query;
      // Agency leaders and admins see their own agency's entries; system admins see all.
      let agencyIds = isSystemAdmin(ctx.actor)
        ? undefined
        : ctx.actor.agencyId
          ? await adminScopeOrOwn(ctx)
          : [];
      if (q.agencyId) agencyIds = agencyIds && !agencyIds.includes(q.agencyId) ? [] : [q.agencyId];
      const page = await listAudit(ctx.db, {
        actorId: q.actorId,
        agencyIds,
        action: q.action,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeSeq: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit,
      });
      return {
        items: page.items.map((r) => ({ ...r, at: r.at.toISOString() })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/api/v1/audit/verify',
    {
      config: { permission: 'system.manage' },
      schema: {
        tags,
        summary: 'Kiểm tra tính toàn vẹn chuỗi nhật ký',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
          }),
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const result = await verifyAuditChain(ctx.db);
      await audit(ctx.db, ctx.actor, {
        action: 'audit.verify',
        detail: { ok: result.ok, checked: result.checked },
      });
      return result;
    },
  );

  app.get(
    '/api/v1/admin/jobs',
    {
      config: { permission: 'system.manage' },
      schema: {
        tags,
        querystring: z.object({
          status: z.enum(['queued', 'running', 'done', 'dead', 'cancelled']).optional(),
          kind: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().regex(/^\d+$/).optional(),
        }),
        response: { 200: z.object({ items: z.array(jobItem), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const { db } = ctxOf(req);
      const q = req.query;
      const r = await db
        .select()
        .from(jobs)
        .where(
          and(
            q.status ? eq(jobs.status, q.status) : undefined,
            q.kind ? eq(jobs.kind, q.kind) : undefined,
            q.cursor ? lt(jobs.id, Number(q.cursor)) : undefined,
          ),
        )
        .orderBy(desc(jobs.id))
        .limit(q.limit + 1);
      const items = r.slice(0, q.limit);
      return {
        items: items.map((j) => ({
          id: j.id,
          kind: j.kind,
          status: j.status,
          attempts: j.attempts,
          maxAttempts: j.maxAttempts,
          runAt: j.runAt.toISOString(),
          lastError: j.lastError,
          createdAt: j.createdAt.toISOString(),
        })),
        nextCursor: r.length > q.limit ? String(items[items.length - 1]!.id) : null,
      };
    },
  );

  for (const [verb, fn] of [
    ['retry', retryJob],
    ['cancel', cancelJob],
  ] as const) {
    app.post(
      `/api/v1/admin/jobs/:id/${verb}`,
      {
        config: { permission: 'system.manage' },
        schema: {
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: z.object({ ok: z.literal(true) }) },
        },
      },
      async (req) => {
        const ctx = ctxOf(req);
        if (!(await fn(ctx.db, req.params.id))) throw notFound('Công việc');
        await audit(ctx.db, ctx.actor, {
          action: `job.${verb}`,
          entityType: 'job',
          entityId: String(req.params.id),
        });
        return { ok: true as const };
      },
    );
  }

  app.get(
    '/api/v1/admin/stats',
    {
      config: { permission: 'people.manage' },
      schema: {
        tags,
        summary: 'Số liệu trang chủ quản trị',
        response: {
          200: z.object({
            agencies: z.number().int(),
            people: z.number().int(),
            signInsToday: z.number().int(),
            deadJobs: z.number().int(),
          }),
        },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const scope = await adminScope(ctx);
      const inScope = (col: string) =>
        scope
          ? sql`AND ${sql.raw(col)} IN ${scope.length ? scope : ['00000000-0000-0000-0000-000000000000']}`
          : sql``;
      const [a] = await rows<{ n: number }>(
        ctx.db,
        sql`SELECT count(*)::int AS n FROM agencies WHERE status = 'active' ${inScope('id')}`,
      );
      const [p] = await rows<{ n: number }>(
        ctx.db,
        sql`SELECT count(DISTINCT person_id)::int AS n FROM positions JOIN people ON people.id = positions.person_id
            WHERE ended_at IS NULL AND people.disabled_at IS NULL ${inScope('agency_id')}`,
      );
      const [d] = await rows<{ n: number }>(
        ctx.db,
        sql`SELECT count(*)::int AS n FROM jobs WHERE status = 'dead'`,
      );
      return {
        agencies: a?.n ?? 0,
        people: p?.n ?? 0,
        signInsToday: await signInsToday(ctx.db, scope),
        deadJobs: isSystemAdmin(ctx.actor) ? (d?.n ?? 0) : 0,
      };
    },
  );
};

async function adminScopeOrOwn(ctx: ReturnType<typeof ctxOf>): Promise<string[]> {
  const scope = await adminScope(ctx);
  if (scope?.length) return scope;
  if (!ctx.actor.agencyId) throw forbidden();
  return [ctx.actor.agencyId];
}
