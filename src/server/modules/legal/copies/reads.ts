import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import {
  COPY_FORM_INFO,
  type CopyForm,
  type CopyGroup,
  type CopyView,
} from '../../../../shared/legal/copies.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { findAgencies } from '../../agencies/index.ts';
import { copyDeliveries, findDocuments, loadVisible } from '../../documents/index.ts';
import { personNames } from '../../people/index.ts';
import { legalCopies, legalDocuments } from '../schema.ts';

type CopyRow = typeof legalCopies.$inferSelect;
/** What `recipients` keeps: the choice as made, and whether the PDF carries the agency's signature. */
export interface Chosen {
  agencyIds: string[];
  groups: CopyGroup[];
  signed: boolean;
}

/** One copy of the actor's agency, with where it went and who registered it; undefined if none. */
export async function loadCopy(ctx: Ctx, id: string): Promise<CopyView | undefined> {
  const found = await ctx.db
    .select()
    .from(legalCopies)
    .where(and(eq(legalCopies.id, id), eq(legalCopies.agencyId, ctx.actor.agencyId!)));
  return (await present(ctx, found))[0];
}

/** The register of copies of the actor's agency (Sổ đăng ký bản sao), newest number first. */
export async function listCopies(ctx: Ctx, q: { year?: number; cursor?: string; limit: number }) {
  const after = parseCursor(q.cursor);
  const conds: (SQL | undefined)[] = [eq(legalCopies.agencyId, ctx.actor.agencyId!)];
  if (q.year) conds.push(eq(legalCopies.year, q.year));
  if (after)
    conds.push(
      or(
        lt(legalCopies.year, after.year),
        and(eq(legalCopies.year, after.year), lt(legalCopies.number, after.number)),
      ),
    );
  const found = await ctx.db
    .select()
    .from(legalCopies)
    .where(and(...conds))
    .orderBy(desc(legalCopies.year), desc(legalCopies.number))
    .limit(q.limit + 1);
  const page = found.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await present(ctx, page),
    nextCursor: found.length > q.limit && last ? `${last.year}-${last.number}` : undefined,
  };
}

function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const m = /^(\d{4})-(\d{1,9})$/.exec(cursor);
  if (!m) throw new AppError('validation_failed', 'Con trỏ trang không hợp lệ.');
  return { year: Number(m[1]), number: Number(m[2]) };
}

/**
 * The copies the actor's agency made of a legal document: which went where and who registered them.
 * The record is public, but whom an agency sent copies to and which clerk registered them is that
 * agency's business, as for a document's copies. 404 for an unknown id.
 */
export async function copiesOfLegal(ctx: Ctx, legalDocumentId: string) {
  const [doc] = await ctx.db
    .select({ id: legalDocuments.id })
    .from(legalDocuments)
    .where(eq(legalDocuments.id, legalDocumentId));
  if (!doc) throw notFound('Văn bản');
  const found = await ctx.db
    .select()
    .from(legalCopies)
    .where(
      and(eq(legalCopies.legalDocumentId, legalDocumentId), eq(legalCopies.agencyId, ctx.actor.agencyId!)),
    )
    .orderBy(desc(legalCopies.createdAt));
  return { items: await present(ctx, found) };
}

/** The copies the actor's agency made of a document it can see (404 as its page otherwise). */
export async function copiesOfDocument(ctx: Ctx, documentId: string) {
  await loadVisible(ctx, documentId);
  const found = await ctx.db
    .select()
    .from(legalCopies)
    .where(and(eq(legalCopies.documentId, documentId), eq(legalCopies.agencyId, ctx.actor.agencyId!)))
    .orderBy(desc(legalCopies.createdAt));
  return { items: await present(ctx, found) };
}

const iso = (v: Date | string | null): string | null =>
  v == null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString();

/** Copies as the API shows them; a fixed number of queries whatever their number. */
async function present(ctx: Ctx, found: CopyRow[]): Promise<CopyView[]> {
  if (found.length === 0) return [];
  const legalIds = found.map((r) => r.legalDocumentId).filter((x): x is string => !!x);
  const docIds = found.map((r) => r.documentId).filter((x): x is string => !!x);
  const outIds = found.map((r) => r.outgoingDocumentId).filter((x): x is string => !!x);
  const [legal, docs, sent, names, agencies] = await Promise.all([
    legalIds.length
      ? ctx.db
          .select({
            id: legalDocuments.id,
            numberNotation: legalDocuments.numberNotation,
            title: legalDocuments.title,
          })
          .from(legalDocuments)
          .where(inArray(legalDocuments.id, legalIds))
      : [],
    findDocuments(ctx.db, docIds),
    copyDeliveries(ctx, outIds),
    personNames(
      ctx.db,
      found.map((r) => r.createdBy).filter((x): x is string => !!x),
    ),
    findAgencies(
      ctx.db,
      found.map((r) => r.agencyId),
    ),
  ]);
  const legalById = new Map(legal.map((l) => [l.id, l]));
  return found.map((r) => {
    const chosen = r.recipients as Chosen;
    const recipients = sent
      .filter((d) => d.documentId === r.outgoingDocumentId)
      .map((d) => ({
        agencyId: d.recipientAgencyId,
        name: d.recipientName,
        status: d.status,
        arrivalNumber: d.arrivalNumber,
        registeredAt: iso(d.registeredAt),
        registeredBy: d.registeredBy,
      }));
    const l = r.legalDocumentId ? legalById.get(r.legalDocumentId) : undefined;
    const d = r.documentId ? docs.get(r.documentId) : undefined;
    return {
      id: r.id,
      year: r.year,
      number: r.number,
      numberNotation: r.numberNotation,
      form: r.form as CopyForm,
      formName: COPY_FORM_INFO[r.form as CopyForm].name,
      createdAt: iso(r.createdAt)!,
      createdBy: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
      agencyName: agencies.get(r.agencyId)?.name ?? '',
      source: l
        ? { kind: 'legal' as const, id: l.id, numberNotation: l.numberNotation, title: l.title }
        : {
            kind: 'document' as const,
            id: r.documentId!,
            numberNotation: d?.numberNotation ?? null,
            title: d?.summary ?? '',
          },
      excerpt: r.excerpt,
      groups: chosen.groups ?? [],
      signed: !!chosen.signed,
      outgoingDocumentId: r.outgoingDocumentId,
      recipients,
      registered: recipients.filter((x) => x.arrivalNumber != null).length,
      total: recipients.length,
    };
  });
}
