import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers. */
export interface AuditFields {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  agencyId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  ip: string | null;
  detail: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The canonical text of a row's fields, the part of its hash after the previous hash. */
export function auditBody(f: AuditFields): string {
  return canonicalJson({
    at: f.at.toISOString(),
    actorId: f.actorId,
    actorName: f.actorName,
    agencyId: f.agencyId,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    ip: f.ip,
    detail: f.detail,
  });
}

/**
 * hash(row) = SHA-256(prevHash ‖ '\n' ‖ auditBody(row)). Appends compute the same in SQL
 * (audit/index.ts, `linkHashSql`), since the previous hash is only known once the head is locked.
 */
export function auditHash(prevHash: string, f: AuditFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(auditBody(f)).digest('hex');
}
