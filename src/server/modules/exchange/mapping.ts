import { and, eq, inArray, sql } from 'drizzle-orm';
import { DOCUMENT_TYPES, formatNumber, typeByCode, typeByName } from '../../../shared/documents/decree30.ts';
import { type Db, rows } from '../../db/client.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { AppError } from '../../platform/http/errors.ts';
import { agencies } from '../agencies/index.ts';
import { type DocumentRow, documentFiles, documents } from '../documents/index.ts';
import {
  type BusinessType,
  type Edoc,
  type EdocAttachment,
  edocDocumentId,
  type Organ,
  wireTimestamp,
} from './edxml/edoc.ts';
import { exchangeInbox } from './schema.ts';

/**
 * Between our documents and edXML packages. Decisions where the sources are silent (see
 * docs/decisions/0005-edxml-exchange.md):
 * - DocumentType/Type: no official code table was found and implementations disagree (1 or 18 for
 *   công văn); we send the 1-based position of the type in Decree 30 Art. 7, its code in TypeDetail
 *   and its name in TypeName, and read by TypeName first, then TypeDetail.
 * - Priority: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc (4 hỏa tốc hẹn giờ is read as hỏa tốc).
 * - SteeringType: 1 (không phải chỉ đạo); the application does not record steering documents yet.
 */

const URGENCY_TO_PRIORITY: Record<string, number> = { normal: 0, khan: 1, thuong_khan: 2, hoa_toc: 3 };
const PRIORITY_TO_URGENCY = ['normal', 'khan', 'thuong_khan', 'hoa_toc', 'hoa_toc'];

export async function readBlob(blobs: BlobStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await blobs.get(sha256)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

type AgencyRow = typeof agencies.$inferSelect;

async function agencyRow(db: Db, id: string): Promise<AgencyRow> {
  const [a] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!a) throw new AppError('not_found', 'Cơ quan không tồn tại.');
  return a;
}

/** The place name printed before the date (địa danh): the province of the agency's tree. */
async function placeOf(db: Db, agency: AgencyRow): Promise<string> {
  const r = await rows<{ name: string }>(
    db,
    sql`WITH RECURSIVE up AS (SELECT id, parent_id, name, kind FROM agencies WHERE id = ${agency.id}
          UNION ALL SELECT a.id, a.parent_id, a.name, a.kind FROM agencies a JOIN up ON a.id = up.parent_id)
        SELECT name FROM up WHERE parent_id IS NULL LIMIT 1`,
  );
  const root = r[0]?.name ?? agency.name;
  return root.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố)\s+/i, '').trim();
}

/** The sending agency as an edXML organ; it must have a QCVN 102 identifier. */
export async function organOf(db: Db, agencyId: string): Promise<Organ> {
  const a = await agencyRow(db, agencyId);
  if (!a.agencyCode)
    throw new AppError(
      'conflict',
      `Cơ quan “${a.name}” chưa có mã định danh (QCVN 102) nên chưa gửi được văn bản liên thông.`,
    );
  const parent = a.parentId ? await agencyRow(db, a.parentId) : null;
  const o: Organ = { organId: a.agencyCode, organName: a.name };
  if (parent?.agencyCode) o.organizationInCharge = parent.agencyCode;
  if (a.address) o.organAdd = a.address;
  if (a.email) o.email = a.email;
  return o;
}

/** The edXML DocumentId of one of our released outgoing documents. */
export function documentKey(doc: Pick<DocumentRow, 'issuerCode' | 'issuedDate' | 'number' | 'notation'>) {
  if (!doc.issuerCode || !doc.issuedDate || doc.number === null || !doc.notation)
    throw new AppError('conflict', 'Văn bản chưa được cấp số hoặc cơ quan chưa có mã định danh.');
  return edocDocumentId(doc.issuerCode, doc.issuedDate, formatNumber(doc.number), doc.notation);
}

/** Initials of a name ("Phạm Thị Hoa" → "PTH"): ký hiệu người đánh máy (Decree 30, Appendix I). */
function initials(name: string | null | undefined): string {
  return (name ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

type Recipient = { kind: string; agencyId?: string; name: string; agencyCode?: string };

export interface BuildOptions {
  business: BusinessType;
  reason?: string;
  /** Addressees; default: every recipient having an agency code. */
  to?: Organ[];
  staff?: string;
  now: Date;
  /** A recall carries no files. */
  withFiles?: boolean;
}

/** Builds the package of a released outgoing document with its current files. */
export async function edocFromDocument(
  db: Db,
  blobs: BlobStore,
  doc: DocumentRow,
  opts: BuildOptions,
): Promise<Edoc> {
  if (doc.direction !== 'outgoing' || !['released', 'recalled'].includes(doc.status))
    throw new AppError('conflict', 'Chỉ xuất được gói tin của văn bản đi đã phát hành.');
  if (doc.secrecy !== 'normal')
    throw new AppError('forbidden', 'Văn bản mật không được gửi hoặc xuất qua mạng.');
  const from = await organOf(db, doc.agencyId);
  const issuer = await agencyRow(db, doc.agencyId);
  const recipients = doc.recipients as Recipient[];
  let to = opts.to;
  const coded: Organ[] = [];
  const places: string[] = [];
  const localIds = recipients.filter((r) => r.kind === 'agency' && r.agencyId).map((r) => r.agencyId!);
  const locals = localIds.length
    ? await db.select().from(agencies).where(inArray(agencies.id, localIds))
    : [];
  for (const r of recipients) {
    const code = r.agencyCode ?? locals.find((a) => a.id === r.agencyId)?.agencyCode ?? undefined;
    if (code) coded.push({ organId: code, organName: r.name });
    else places.push(r.name);
  }
  to ??= coded;
  if (to.length === 0)
    throw new AppError('conflict', 'Văn bản không có nơi nhận nào có mã định danh để lập gói tin edXML.');
  const toIds = new Set(to.map((t) => t.organId));
  const toPlaces = [
    ...coded.filter((c) => !toIds.has(c.organId)).map((c) => c.organName),
    ...places,
    'Lưu: VT',
  ];
  const files = await db
    .select()
    .from(documentFiles)
    .where(
      and(
        eq(documentFiles.documentId, doc.id),
        eq(documentFiles.current, true),
        inArray(documentFiles.role, ['main', 'attachment']),
      ),
    )
    .orderBy(documentFiles.createdAt);
  const attachments: EdocAttachment[] = [];
  for (const [i, f] of (opts.withFiles === false ? [] : files).entries()) {
    attachments.push({
      contentId: `file${i + 1}`,
      name: f.fileName,
      contentType: f.mediaType,
      description: f.role === 'main' ? 'Văn bản' : 'Tài liệu kèm theo',
      data: await readBlob(blobs, f.sha256),
    });
  }
  const type = typeByCode(doc.typeCode);
  const typeIndex = DOCUMENT_TYPES.findIndex((t) => t.code === doc.typeCode);
  const drafter = doc.drafterId
    ? await rows<{ full_name: string }>(db, sql`SELECT full_name FROM people WHERE id = ${doc.drafterId}`)
    : [];
  const responseFor = [];
  if (doc.replyToId) {
    const [orig] = await db.select().from(documents).where(eq(documents.id, doc.replyToId));
    if (orig?.issuerCode && orig.numberNotation && orig.issuedDate) {
      const [viaEdxml] = await db
        .select({ docKey: exchangeInbox.docKey })
        .from(exchangeInbox)
        .where(and(eq(exchangeInbox.documentId, orig.id), eq(exchangeInbox.state, 'accepted')))
        .limit(1);
      const [num, ...rest] = orig.numberNotation.split('/');
      responseFor.push({
        organId: orig.issuerCode,
        code: orig.numberNotation,
        promulgationDate: orig.issuedDate,
        documentId:
          viaEdxml?.docKey ?? edocDocumentId(orig.issuerCode, orig.issuedDate, num ?? '', rest.join('/')),
      });
    }
  }
  const signerTitle = doc.signerTitle ?? '';
  return {
    from,
    to,
    codeNumber: formatNumber(doc.number!),
    codeNotation: doc.notation!,
    place: await placeOf(db, issuer),
    promulgationDate: doc.issuedDate!,
    documentType: {
      type: String(typeIndex + 1),
      typeDetail: doc.typeCode,
      typeName: type?.name ?? 'Văn bản khác',
    },
    subject: doc.summary,
    content: '',
    signer: {
      // A deputy signs on behalf of the head: "KT." (Decree 30, Appendix I, II.7); we infer it from the title.
      competence: /^phó\s/i.test(signerTitle) ? 'KT.' : '',
      position: signerTitle,
      fullName: doc.signerName ?? '',
    },
    dueDate: doc.dueDate ?? undefined,
    toPlaces,
    otherInfo: {
      priority: URGENCY_TO_PRIORITY[doc.urgency] ?? 0,
      sphereOfPromulgation: '',
      typerNotation: `${initials(drafter[0]?.full_name)}${doc.copies ? `${doc.copies}` : ''}`,
      promulgationAmount: doc.copies ?? undefined,
      pageAmount: doc.pageCount ?? undefined,
      appendixes: [],
    },
    steeringType: 1,
    responseFor,
    documentId: documentKey(doc),
    trace: {
      headers: [{ organId: from.organId, timestamp: wireTimestamp(opts.now) }],
      business: opts.business,
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.staff ? { staff: { department: 'Văn thư', staff: opts.staff } } : {}),
    },
    attachments,
  };
}

/** Column values of an incoming document made from a received package. */
export function incomingValues(e: Edoc) {
  const type =
    (e.documentType.typeName ? typeByName(e.documentType.typeName) : undefined) ??
    (e.documentType.typeDetail ? typeByCode(e.documentType.typeDetail) : undefined);
  return {
    direction: 'incoming',
    status: 'pending',
    typeCode: type?.code ?? 'van_ban_khac',
    summary: e.subject,
    numberNotation: e.codeNotation ? `${e.codeNumber}/${e.codeNotation}` : e.codeNumber,
    issuedDate: e.promulgationDate,
    issuerName: e.from.organName,
    issuerCode: e.from.organId,
    signerName: e.signer.fullName ?? null,
    signerTitle: [e.signer.competence, e.signer.position].filter(Boolean).join(' ') || null,
    secrecy: 'normal',
    urgency: PRIORITY_TO_URGENCY[e.otherInfo.priority] ?? 'normal',
    pageCount: e.otherInfo.pageAmount ?? null,
    copies: e.otherInfo.promulgationAmount ?? null,
    dueDate: e.dueDate ?? null,
    source: 'edxml',
  } as const;
}
