import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { FeedbackItemRow } from './intake.ts';
import { feedbackCaseMembers, feedbackItems } from './schema.ts';

/*
 * Who sees what. An item belongs to the agency handling it and stays in the register of the agency
 * that received it; nobody else sees it (another agency's item answers 404, as if it did not exist).
 * Inside the agency, anyone with `feedback.handle` reads the item as stored — for a denunciation that
 * is the stripped text, without the identifying files. The sender's identity opens:
 *  - for a denunciation, only to the settlers named on the case (Luật Tố cáo 2018 Đ.9, Đ.56);
 *  - for other kinds, to the handling agency's feedback staff;
 * and every opening is audited. Administrators hold no feedback permission at all.
 */

export type CaseRole = 'settler' | 'verifier';

/** The SQL condition "this actor's agency holds or received the item". */
export function agencySees(actor: Actor) {
  const a = actor.agencyId ?? '00000000-0000-0000-0000-000000000000';
  return or(eq(feedbackItems.agencyId, a), eq(feedbackItems.receivedAgencyId, a));
}

export async function loadItem(db: Db, actor: Actor, id: string, lock = false): Promise<FeedbackItemRow> {
  const q = db
    .select()
    .from(feedbackItems)
    .where(and(eq(feedbackItems.id, id), agencySees(actor)));
  const [item] = lock ? await q.for('update') : await q;
  if (!item) throw notFound('Đơn thư');
  return item;
}

export async function caseRoleOf(db: Db, itemId: string, personId: string): Promise<CaseRole | null> {
  const [m] = await db
    .select({ role: feedbackCaseMembers.role })
    .from(feedbackCaseMembers)
    .where(and(eq(feedbackCaseMembers.itemId, itemId), eq(feedbackCaseMembers.personId, personId)));
  return (m?.role as CaseRole | undefined) ?? null;
}

export async function hasSettlers(db: Db, itemId: string): Promise<boolean> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(feedbackCaseMembers)
    .where(and(eq(feedbackCaseMembers.itemId, itemId), eq(feedbackCaseMembers.role, 'settler')));
  return (r?.n ?? 0) > 0;
}

const isDenunciation = (item: Pick<FeedbackItemRow, 'kind' | 'declaredKind'>) =>
  item.kind === 'denunciation' || (item.kind === 'unclassified' && item.declaredKind === 'denunciation');

export { isDenunciation };

/** May this actor open the sender's identity? */
export function mayOpenIdentity(item: FeedbackItemRow, actor: Actor, role: CaseRole | null): boolean {
  if (isDenunciation(item)) return role === 'settler';
  return actor.agencyId === item.agencyId && !!actor.role && roleAllows(actor.role, 'feedback.handle');
}

/**
 * May this actor settle (accept, extend, answer) the item? The handling agency's people; once settlers
 * are named, only they. A denunciation is settled only by its named settlers.
 */
export async function assertMaySettle(db: Db, item: FeedbackItemRow, actor: Actor): Promise<void> {
  if (actor.agencyId !== item.agencyId)
    throw new AppError('forbidden', 'Đơn thư đã chuyển cho cơ quan khác giải quyết.');
  const role = await caseRoleOf(db, item.id, actor.personId);
  if (role === 'settler') return;
  if (isDenunciation(item) || (await hasSettlers(db, item.id)))
    throw new AppError('forbidden', 'Chỉ người được giao giải quyết vụ việc này mới thực hiện được.');
  if (actor.role !== 'clerk' && actor.role !== 'agency_leader' && actor.role !== 'division_head')
    throw new AppError('forbidden', 'Bạn không được giao giải quyết vụ việc này.');
}
