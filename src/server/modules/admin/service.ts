import { isSystemAdmin } from '../../platform/access/actor.ts';
import { audit, listAudit, verifyAuditChain } from '../../platform/audit/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { cancelJob, countJobs, listJobs, retryJob } from '../../platform/jobs/index.ts';
import { adminScope, countActiveAgencies } from '../agencies/index.ts';
import { countActivePeople, signInsToday } from '../people/index.ts';

// The admin module owns no tables: it reads the platform's (audit log, jobs) through the platform's
// functions and the other modules' through their index.ts.

export interface AuditFilter {
  actorId?: string;
  agencyId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit: number;
}

/** The audit log, newest first. Agency leaders and admins see their own agency's entries; system admins see all. */
export async function auditEntries(ctx: Ctx, q: AuditFilter) {
  let agencyIds = isSystemAdmin(ctx.actor) ? undefined : ctx.actor.agencyId ? await adminScopeOrOwn(ctx) : [];
  if (q.agencyId) agencyIds = agencyIds && !agencyIds.includes(q.agencyId) ? [] : [q.agencyId];
  return listAudit(ctx.db, {
    actorId: q.actorId,
    agencyIds,
    action: q.action,
    from: q.from,
    to: q.to,
    beforeSeq: q.beforeSeq,
    limit: q.limit,
  });
}

/** An agency admin's units, else (an agency leader) the actor's own agency. */
async function adminScopeOrOwn(ctx: Ctx): Promise<string[]> {
  const scope = await adminScope(ctx);
  if (scope?.length) return scope;
  if (!ctx.actor.agencyId) throw forbidden();
  return [ctx.actor.agencyId];
}

/** Checks the whole audit chain; the check itself is audited. */
export async function verifyAudit(ctx: Ctx) {
  const result = await verifyAuditChain(ctx.db);
  await audit(ctx.db, ctx.actor, {
    action: 'audit.verify',
    detail: { ok: result.ok, checked: result.checked },
  });
  return result;
}

/** The job queue, newest first. */
export function jobQueue(ctx: Ctx, q: { status?: string; kind?: string; beforeId?: number; limit: number }) {
  return listJobs(ctx.db, q);
}

/** Retries or cancels a job (404 when it is not in a state that allows it), audited. */
export async function changeJob(ctx: Ctx, verb: 'retry' | 'cancel', id: number): Promise<void> {
  const changed = verb === 'retry' ? await retryJob(ctx.db, id) : await cancelJob(ctx.db, id);
  if (!changed) throw notFound('Công việc');
  await audit(ctx.db, ctx.actor, { action: `job.${verb}`, entityType: 'job', entityId: String(id) });
}

/** The admin home's figures, within the actor's scope; dead jobs only for system administrators. */
export async function homeFigures(ctx: Ctx) {
  const scope = await adminScope(ctx);
  return {
    agencies: await countActiveAgencies(ctx.db, scope),
    people: await countActivePeople(ctx.db, scope),
    signInsToday: await signInsToday(ctx.db, scope),
    deadJobs: isSystemAdmin(ctx.actor) ? await countJobs(ctx.db, 'dead') : 0,
  };
}
