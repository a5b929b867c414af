import { asc, eq } from 'drizzle-orm';
import {
  type AssignmentFacts,
  allowedActions,
  type DocumentAction,
  refusal,
  type Situation,
} from '../../../shared/documents/workflow.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { DocumentRow } from './common.ts';
import { assignments } from './schema.ts';

/** The workflow's situation of the acting person, the document (once loaded) and its assignments. */
export function situationOf(
  ctx: Ctx,
  doc?: Pick<DocumentRow, 'status' | 'holderId'>,
  asg?: readonly AssignmentFacts[],
): Situation {
  const a = ctx.actor;
  return {
    actor: { personId: a.personId, role: a.role, divisionId: a.divisionId },
    ...(doc ? { document: { status: doc.status, holderId: doc.holderId } } : {}),
    ...(asg ? { assignments: asg } : {}),
  };
}

/**
 * Refuses the action unless the workflow (src/shared/documents/workflow.ts) allows it. Called before
 * the document is loaded it checks what concerns the actor alone (their role), then again with the
 * document (and its assignments when a check needs them): the same errors, in the same order, as
 * every service has always given.
 */
export function assertAllowed(
  ctx: Ctx,
  action: DocumentAction,
  doc?: Pick<DocumentRow, 'status' | 'holderId'>,
  asg?: readonly AssignmentFacts[],
): void {
  const r = refusal(action, situationOf(ctx, doc, asg));
  if (r) throw new AppError(r.code, r.detail);
}

/** What the viewer may do with the document now (the screen shows exactly these actions). */
export function allowedFor(
  ctx: Ctx,
  doc: Pick<DocumentRow, 'status' | 'holderId'>,
  asg: readonly AssignmentFacts[],
): DocumentAction[] {
  return allowedActions(situationOf(ctx, doc, asg));
}

/** Every assignment of a document (the services' checks on handlers pick theirs from them). */
export function assignmentsOf(db: Db, documentId: string) {
  return db
    .select()
    .from(assignments)
    .where(eq(assignments.documentId, documentId))
    .orderBy(asc(assignments.createdAt));
}
