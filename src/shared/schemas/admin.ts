import { z } from 'zod';

/** One row of the audit log as the viewer shows it. */
export const auditEntryView = z.object({
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
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d+$/).optional(),
  actorId: z.uuid().optional(),
  agencyId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

/** The chain check: how many rows were checked, and the first that does not hold. */
export const auditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;

/** One job of the queue. */
export const jobView = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export type JobView = z.infer<typeof jobView>;

export const jobListQuery = z.object({
  status: z.enum(['queued', 'running', 'done', 'dead', 'cancelled']).optional(),
  kind: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d+$/).optional(),
});
export type JobListQuery = z.infer<typeof jobListQuery>;

/** The figures of the administrators' home page. */
export const adminStatsView = z.object({
  agencies: z.number().int(),
  people: z.number().int(),
  signInsToday: z.number().int(),
  deadJobs: z.number().int(),
});
export type AdminStatsView = z.infer<typeof adminStatsView>;
