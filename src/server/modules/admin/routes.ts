import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AuditEntryView,
  adminStatsView,
  auditEntryView,
  auditListQuery,
  auditVerifyResult,
  type JobView,
  jobListQuery,
  jobView,
} from '../../../shared/schemas/admin.ts';
import { okView, pageOf } from '../../../shared/schemas/common.ts';
import type { AuditRow } from '../../platform/audit/index.ts';
import { ctxOf } from '../../platform/http/ctx.ts';
import type { JobListRow } from '../../platform/jobs/index.ts';
import * as service from './service.ts';

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
        querystring: auditListQuery,
        response: { 200: pageOf(auditEntryView) },
      },
    },
    async (req) => {
      const q = req.query;
      const page = await service.auditEntries(ctxOf(req), {
        actorId: q.actorId,
        agencyId: q.agencyId,
        action: q.action,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        beforeSeq: q.cursor ? Number(q.cursor) : undefined,
        limit: q.limit,
      });
      return { items: page.items.map(presentAuditEntry), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/api/v1/audit/verify',
    {
      config: { permission: 'system.manage' },
      schema: {
        tags,
        summary: 'Kiểm tra tính toàn vẹn chuỗi nhật ký',
        response: { 200: auditVerifyResult },
      },
    },
    async (req) => service.verifyAudit(ctxOf(req)),
  );

  app.get(
    '/api/v1/admin/jobs',
    {
      config: { permission: 'system.manage' },
      schema: {
        tags,
        querystring: jobListQuery,
        response: { 200: pageOf(jobView) },
      },
    },
    async (req) => {
      const { status, kind, cursor, limit } = req.query;
      const page = await service.jobQueue(ctxOf(req), {
        status,
        kind,
        beforeId: cursor ? Number(cursor) : undefined,
        limit,
      });
      return { items: page.items.map(presentJob), nextCursor: page.nextCursor };
    },
  );

  for (const verb of ['retry', 'cancel'] as const) {
    app.post(
      `/api/v1/admin/jobs/:id/${verb}`,
      {
        config: { permission: 'system.manage' },
        schema: {
          tags,
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: okView },
        },
      },
      async (req) => {
        await service.changeJob(ctxOf(req), verb, req.params.id);
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
        response: { 200: adminStatsView },
      },
    },
    async (req) => service.homeFigures(ctxOf(req)),
  );
};

/** The allow-lists of what the API shows of an audit entry and of a job. */
function presentAuditEntry(r: AuditRow): AuditEntryView {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    agencyId: r.agencyId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    ip: r.ip,
    detail: r.detail,
  };
}

function presentJob(j: JobListRow): JobView {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    runAt: j.runAt.toISOString(),
    lastError: j.lastError,
    createdAt: j.createdAt.toISOString(),
  };
}
