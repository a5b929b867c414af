import { vnDate, vnYear } from '../../../../shared/calendar/vn-time.ts';
import { formatNumber } from '../../../../shared/documents/decree30.ts';
import {
  COPY_FORM_INFO,
  type CopyForm,
  type CopyInput,
  type CopyView,
  copyInput,
} from '../../../../shared/legal/copies.ts';
import { audit } from '../../../platform/audit/index.ts';
import { saveBlobs } from '../../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/http/errors.ts';
import { findAgency } from '../../agencies/index.ts';
import { releaseCopy, takeCopyNumber } from '../../documents/index.ts';
import { signCopy } from '../../signatures/index.ts';
import { legalCopies } from '../schema.ts';
import { buildCopyPdf } from './pdf.ts';
import { type Chosen, loadCopy } from './reads.ts';
import { resolveRecipients } from './recipients.ts';
import { type CopySource, documentSource, legalSource } from './sources.ts';

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
