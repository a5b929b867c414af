import type { Ctx } from '../../platform/context.ts';
import { findAgency } from '../agencies/index.ts';
import { recordSigning, signTopRight } from './sign.ts';

export type CopyForm = 'SAO Y' | 'SAO LỤC' | 'TRÍCH SAO';

/**
 * An electronic copy (Decree 30, Part II, I.3): the agency's signature at the top right of page 1
 * with "<form>, <agency>, <time ISO 8601>". Returns the signed PDF, or undefined when the agency has
 * no key (the caller decides whether a copy without a digital signature is acceptable).
 */
export async function signCopy(
  ctx: Ctx,
  pdf: Buffer,
  o: { form: CopyForm; agencyId: string; subject?: string },
): Promise<Buffer | undefined> {
  const agency = await findAgency(ctx.db, o.agencyId);
  const name = agency?.name ?? '';
  const at = ctx.now();
  const time = at.toISOString().replace(/\.\d+Z$/, 'Z');
  const r = await signTopRight(ctx, pdf, {
    agencyId: o.agencyId,
    agencyName: name,
    text: `${o.form}, ${name}, ${time}`,
    reason: o.form,
    at,
    kind: 'copy',
  });
  if (!r) return undefined;
  await recordSigning(ctx.db, r, o.subject ?? `copy:${o.form}`, ctx.actor.personId);
  return r.pdf;
}
