import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { vnDate, vnYear } from '../../../../shared/calendar/vn-time.ts';
import { formatNumber } from '../../../../shared/documents/decree30.ts';
import {
  COPY_FORM_INFO,
  type CopyForm,
  type CopyGroup,
  type CopyInput,
  type CopyView,
  copyInput,
} from '../../../../shared/legal/copies.ts';
import { audit } from '../../../platform/audit/index.ts';
import { saveBlobs } from '../../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { findAgencies, findAgency } from '../../agencies/index.ts';
import {
  copyDeliveries,
  findDocuments,
  loadVisible,
  releaseCopy,
  takeCopyNumber,
} from '../../documents/index.ts';
import { personNames } from '../../people/index.ts';
import { signCopy } from '../../signatures/index.ts';
import { legalCopies, legalDocuments } from '../schema.ts';
import { buildCopyPdf } from './pdf.ts';
import { resolveRecipients } from './recipients.ts';
import { type CopySource, documentSource, legalSource } from './sources.ts';

type CopyRow = typeof legalCopies.$inferSelect;
/** What `recipients` keeps: the choice as made, and whether the PDF carries the agency's signature. */
interface Chosen {
  agencyIds: string[];
  groups: CopyGroup[];
  signed: boolean;
}

export const NO_PDF =
  'Văn bản này chưa có tệp PDF bản chính để sao; hãy đính kèm tệp PDF của văn bản trước khi sao.';

/**
 * Makes a copy (sao y, sao lục, trích sao) of a legal document or of a document the actor's agency
 * can see, and sends it: the next number of the agency's copies series (documents' "copies" register,
 * locked until the end of this transaction so concurrent copies get distinct numbers), the notation
 * "05/SL-VP", the PDF (the source's pages, or the part copied, and the copy's block) signed with the
 * agency's key when it has one, then an outgoing document of the copy's type delivered to each
 * agency like a release, the register row and the audit row. All or nothing.
 */
export async function makeCopy(ctx: Ctx, body: CopyInput): Promise<CopyView> {
  const input = copyInput.parse(body);
  const form: CopyForm = input.form;
  const source = input.legalDocumentId
    ? await legalSource(ctx, input.legalDocumentId)
    : await documentSource(ctx, input.documentId!);
  if (!source.pdf && form !== 'trich_sao') throw new AppError('conflict', NO_PDF);
  const recipients = await resolveRecipients(ctx, input.agencyIds, input.groups);
  const agency = await findAgency(ctx.db, ctx.actor.agencyId!);
  if (!agency) throw notFound('Cơ quan');
  const info = COPY_FORM_INFO[form];
  const sourceBytes = source.pdf && form !== 'trich_sao' ? await ctx.blobs.read(source.pdf.sha256) : null;
  const now = ctx.now();
  const year = vnYear(now);
  const id = await inTx(ctx, async (c) => {
    const { registerId, number } = await takeCopyNumber(c, agency.id, year);
    const notation = `${info.abbr}-${agency.shortName.replace(/\s+/g, '').toUpperCase()}`;
    const numberNotation = `${formatNumber(number)}/${notation}`;
    const built = await buildCopyPdf(sourceBytes, {
      form,
      agencyName: agency.name,
      numberNotation,
      date: vnDate(now),
      recipients: recipients.map((r) => r.name),
      excerpt: form === 'trich_sao' ? { source: describe(source), text: input.excerpt! } : undefined,
    });
    const signedPdf = await signCopy(c, built, {
      form: info.stamp as 'SAO Y' | 'SAO LỤC' | 'TRÍCH SAO',
      agencyId: agency.id,
      subject: `legal_copy:${numberNotation}`,
    });
    const pdf = signedPdf ?? built;
    const [stored] = await saveBlobs(c.db, c.blobs, [
      {
        bytes: pdf,
        declaredType: 'application/pdf',
        maxBytes: Math.max(c.config.UPLOAD_MAX_BYTES, pdf.length),
      },
    ]);
    if (!stored || stored instanceof AppError) throw stored ?? new Error('copy PDF not stored');
    const sent = await releaseCopy(c, {
      agency: { id: agency.id, name: agency.name, agencyCode: agency.agencyCode },
      typeCode: form,
      summary: `${info.name} ${describe(source)}`.slice(0, 2000),
      registerId,
      year,
      number,
      notation,
      numberNotation,
      file: {
        sha256: stored.sha256,
        fileName: `${numberNotation.replace(/[^\p{L}\p{N}.-]+/gu, '-')}.pdf`,
        mediaType: 'application/pdf',
        size: stored.size,
        role: 'main',
      },
      fileText: form === 'trich_sao' ? input.excerpt! : source.text,
      recipients,
    });
    const chosen: Chosen = { agencyIds: input.agencyIds, groups: input.groups, signed: !!signedPdf };
    const [row] = await c.db
      .insert(legalCopies)
      .values({
        agencyId: agency.id,
        year,
        number,
        numberNotation,
        form,
        legalDocumentId: source.kind === 'legal' ? source.id : null,
        documentId: source.kind === 'document' ? source.id : null,
        outgoingDocumentId: sent.id,
        excerpt: form === 'trich_sao' ? input.excerpt! : null,
        recipients: chosen,
        createdBy: c.actor.personId,
        createdAt: now,
      })
      .returning();
    await audit(c.db, c.actor, {
      action: 'legal.copy',
      entityType: 'legal_copy',
      entityId: row!.id,
      agencyId: agency.id,
      detail: {
        numberNotation,
        form,
        source: { kind: source.kind, id: source.id },
        recipients: recipients.length,
        signed: !!signedPdf,
      },
    });
    return row!.id;
  });
  return (await loadCopy(ctx, id))!;
}

function describe(s: CopySource): string {
  const parts = [
    s.numberNotation ? `số ${s.numberNotation}` : null,
    s.issuedDate ? `ngày ${viDate(s.issuedDate)}` : null,
  ];
  const head = parts.filter(Boolean).join(' ');
  return `${head ? `${head}` : ''}${s.issuerName ? ` của ${s.issuerName}` : ''}: ${s.title}`.trim();
}

const viDate = (d: string) => d.split('-').reverse().join('/');

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
 * The copies made of a legal document, by any agency (the record is public; the legal record shows
 * which copies went where and who registered them). 404 for an unknown id.
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
    .where(eq(legalCopies.legalDocumentId, legalDocumentId))
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
