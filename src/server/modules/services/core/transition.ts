import { eq, sql } from 'drizzle-orm';
import { canMove, type DossierStatus, statusLabel } from '../../../../shared/services/statuses.ts';
import type { Db } from '../../../db/client.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { queueOutsideMail } from '../../mail/index.ts';
import { serviceDossierEvents, serviceDossiers } from '../schema.ts';

export type DossierRow = typeof serviceDossiers.$inferSelect;

/** Locks a dossier for the rest of the transaction (every change of a dossier goes through this). */
export async function lockDossier(tx: Db, id: string): Promise<DossierRow> {
  const [d] = await tx.select().from(serviceDossiers).where(eq(serviceDossiers.id, id)).for('update');
  if (!d) throw notFound('Hồ sơ');
  return d;
}

export interface DossierEvent {
  /** submitted | accepted | supplement_requested | supplement_answered | refused | step_handed | step_done | approved | finished | returned | apology | stopped | withdrawn | fee_paid | rated | note */
  kind: string;
  /** When it happened: the caller's clock (tests and the demo run at other instants); the database's now when absent. */
  at?: Date;
  actorId?: string | null;
  byApplicant?: boolean;
  /** What the applicant sees on the timeline (never an officer's name). */
  publicNote?: string | null;
  internalNote?: string | null;
  detail?: Record<string, unknown>;
}

/** Writes a timeline row without a status change (a step handed over, a fee recorded). */
export async function recordEvent(tx: Db, d: DossierRow, e: DossierEvent, statusTo?: DossierStatus) {
  const [row] = await tx
    .insert(serviceDossierEvents)
    .values({
      dossierId: d.id,
      ...(e.at ? { at: e.at } : {}),
      kind: e.kind,
      statusFrom: statusTo === undefined ? null : d.status,
      statusTo: statusTo ?? null,
      actorId: e.actorId ?? null,
      byApplicant: e.byApplicant ?? false,
      publicNote: e.publicNote ?? null,
      internalNote: e.internalNote ?? null,
      detail: e.detail ?? {},
    })
    .returning({ id: serviceDossierEvents.id });
  return row?.id ?? 0;
}

/**
 * Moves a locked dossier to `to` (refused with a Vietnamese error when the statuses 1–10 do not allow
 * it), with `set` for the dates that go with it, one timeline row, and a notice by e-mail to the
 * applicant in the same transaction (notices at each change: issue 18).
 */
export async function moveDossier(
  tx: Db,
  d: DossierRow,
  to: DossierStatus,
  e: DossierEvent,
  set: Partial<typeof serviceDossiers.$inferInsert> = {},
): Promise<DossierRow> {
  if (d.status !== to && !canMove(d.status as DossierStatus, to))
    throw new AppError(
      'conflict',
      `Hồ sơ đang ở trạng thái "${statusLabel(d.status)}", không thể chuyển sang "${statusLabel(to)}".`,
    );
  const [next] = await tx
    .update(serviceDossiers)
    .set({ ...set, status: to, updatedAt: sql`now()` })
    .where(eq(serviceDossiers.id, d.id))
    .returning();
  if (!next) throw notFound('Hồ sơ');
  const eventId = await recordEvent(tx, d, e, to);
  if (next.applicantEmail && d.status !== to) {
    await queueOutsideMail(tx, {
      agencyId: next.agencyId,
      toAddress: next.applicantEmail,
      toName: next.applicantName,
      subject: `Hồ sơ ${next.code}: ${statusLabel(to)}`,
      bodyText: [
        `Kính gửi ${next.applicantName},`,
        '',
        `Hồ sơ ${next.code} của Ông/Bà đã chuyển sang trạng thái: ${statusLabel(to)}.`,
        ...(e.publicNote ? ['', e.publicNote] : []),
        '',
        'Ông/Bà có thể tra cứu tiến độ bằng mã hồ sơ và mã bí mật tại trang Tra cứu hồ sơ (/cong-khai/tra-cuu).',
      ].join('\n'),
      sourceKey: `services:dossier:${d.id}:event:${eventId}`,
    });
  }
  return next;
}
