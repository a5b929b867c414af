import { and, eq, inArray } from 'drizzle-orm';
import { DOCUMENT_TYPES, formatNumber, typeByCode, typeByName } from '../../../shared/documents/decree30.ts';
import type { Db } from '../../db/client.ts';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type AgencyRow, findAgencies, findAgency, rootNames } from '../agencies/index.ts';
import { currentFiles, type DocumentRow, findDocuments, type IncomingFields } from '../documents/index.ts';
import { personNames } from '../people/index.ts';
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

async function agencyRow(db: Db, id: string): Promise<AgencyRow> {
  const a = await findAgency(db, id);
  if (!a) throw new AppError('not_found', 'Cơ quan không tồn tại.');
  return a;
}

/** Adds the agencies with these ids not in `into` yet (one query). */
async function agenciesById(db: Db, ids: string[], into = new Map<string, AgencyRow>()) {
  const wanted = ids.filter((id) => !into.has(id));
  for (const [id, a] of await findAgencies(db, wanted)) into.set(id, a);
  return into;
}

/**
 * The place name printed before the date (địa danh) of each agency: the province of its tree, the
 * root's name without "UBND tỉnh". One query for all of them.
 */
async function placesOf(db: Db, agencyIds: string[]): Promise<Map<string, string>> {
  const roots = await rootNames(db, agencyIds);
  return new Map(
    [...roots].map(([id, name]) => [
      id,
      name.replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố)\s+/i, '').trim(),
    ]),
  );
}

function organFrom(a: AgencyRow, parent: AgencyRow | undefined): Organ {
  if (!a.agencyCode)
    throw new AppError(
      'conflict',
      `Cơ quan “${a.name}” chưa có mã định danh (QCVN 102) nên chưa gửi được văn bản liên thông.`,
    );
  const o: Organ = { organId: a.agencyCode, organName: a.name };
  if (parent?.agencyCode) o.organizationInCharge = parent.agencyCode;
  if (a.address) o.organAdd = a.address;
  if (a.email) o.email = a.email;
  return o;
}

/** The sending agency as an edXML organ; it must have a QCVN 102 identifier. */
export async function organOf(db: Db, agencyId: string): Promise<Organ> {
  const a = await agencyRow(db, agencyId);
  return organFrom(a, a.parentId ? await agencyRow(db, a.parentId) : undefined);
}

/** Organs of many agencies (a batch of statuses answered in their names): two queries. */
export async function organsOf(db: Db, agencyIds: string[]): Promise<Map<string, Organ | AppError>> {
  const rowsById = await agenciesById(db, agencyIds);
  await agenciesById(
    db,
    [...rowsById.values()].map((a) => a.parentId).filter((x): x is string => !!x),
    rowsById,
  );
  const out = new Map<string, Organ | AppError>();
  for (const id of new Set(agencyIds)) {
    const a = rowsById.get(id);
    try {
      if (!a) throw new AppError('not_found', 'Cơ quan không tồn tại.');
      out.set(id, organFrom(a, a.parentId ? rowsById.get(a.parentId) : undefined));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.set(id, e);
    }
  }
  return out;
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
  const [edoc] = await edocsFromDocuments(db, blobs, [{ doc, opts }]);
  if (edoc instanceof AppError) throw edoc;
  return edoc!;
}

/**
 * Builds the packages of many released outgoing documents (a flush to a peer) with a fixed number of
 * queries, whatever their number: agencies, places, files, drafters and answered documents are read
 * once for all. Each result is the package, or the error that keeps that document from being sent.
 */
export async function edocsFromDocuments(
  db: Db,
  blobs: BlobStore,
  reqs: { doc: DocumentRow; opts: BuildOptions }[],
): Promise<(Edoc | AppError)[]> {
  if (reqs.length === 0) return [];
  const docs = reqs.map((r) => r.doc);
  const senderIds = [...new Set(docs.map((d) => d.agencyId))];
  const recipientIds = docs.flatMap((d) =>
    (d.recipients as Recipient[]).filter((r) => r.kind === 'agency' && r.agencyId).map((r) => r.agencyId!),
  );
  const agencyRows = await agenciesById(db, [...senderIds, ...recipientIds]);
  await agenciesById(
    db,
    senderIds.map((id) => agencyRows.get(id)?.parentId).filter((x): x is string => !!x),
    agencyRows,
  );
  const places = await placesOf(db, senderIds);
  const files = await currentFiles(
    db,
    docs.map((d) => d.id),
    { roles: ['main', 'attachment'] },
  );
  const drafters = await personNames(
    db,
    docs.map((d) => d.drafterId).filter((x): x is string => !!x),
  );
  const answers = await answeredDocuments(
    db,
    docs.map((d) => d.replyToId).filter((x): x is string => !!x),
  );
  const out: (Edoc | AppError)[] = [];
  for (const { doc, opts } of reqs) {
    try {
      const mine = opts.withFiles === false ? [] : (files.get(doc.id) ?? []);
      const attachments: EdocAttachment[] = [];
      for (const [i, f] of mine.entries())
        attachments.push({
          contentId: `file${i + 1}`,
          name: f.fileName,
          contentType: f.mediaType,
          description: f.role === 'main' ? 'Văn bản' : 'Tài liệu kèm theo',
          data: await blobs.read(f.sha256),
        });
      out.push(
        buildFrom(doc, opts, {
          agencies: agencyRows,
          place: places.get(doc.agencyId),
          drafter: doc.drafterId ? drafters.get(doc.drafterId) : undefined,
          answer: doc.replyToId ? answers.get(doc.replyToId) : undefined,
          attachments,
        }),
      );
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      out.push(e);
    }
  }
  return out;
}

/** ResponseFor of documents answering others: the original's number, date and edXML DocumentId. */
async function answeredDocuments(db: Db, ids: string[]) {
  const out = new Map<string, Edoc['responseFor'][number]>();
  if (ids.length === 0) return out;
  const originals = (await findDocuments(db, ids)).values();
  const viaEdxml = await db
    .select({ documentId: exchangeInbox.documentId, docKey: exchangeInbox.docKey })
    .from(exchangeInbox)
    .where(and(inArray(exchangeInbox.documentId, ids), eq(exchangeInbox.state, 'accepted')));
  for (const orig of originals) {
    if (!orig.issuerCode || !orig.numberNotation || !orig.issuedDate) continue;
    const [num, ...rest] = orig.numberNotation.split('/');
    out.set(orig.id, {
      organId: orig.issuerCode,
      code: orig.numberNotation,
      promulgationDate: orig.issuedDate,
      documentId:
        viaEdxml.find((v) => v.documentId === orig.id)?.docKey ??
        edocDocumentId(orig.issuerCode, orig.issuedDate, num ?? '', rest.join('/')),
    });
  }
  return out;
}

function buildFrom(
  doc: DocumentRow,
  opts: BuildOptions,
  src: {
    agencies: Map<string, AgencyRow>;
    place: string | undefined;
    drafter: string | undefined;
    answer: Edoc['responseFor'][number] | undefined;
    attachments: EdocAttachment[];
  },
): Edoc {
  if (doc.direction !== 'outgoing' || !['released', 'recalled'].includes(doc.status))
    throw new AppError('conflict', 'Chỉ xuất được gói tin của văn bản đi đã phát hành.');
  if (doc.secrecy !== 'normal')
    throw new AppError('forbidden', 'Văn bản mật không được gửi hoặc xuất qua mạng.');
  const issuer = src.agencies.get(doc.agencyId);
  if (!issuer) throw new AppError('not_found', 'Cơ quan không tồn tại.');
  const from = organFrom(issuer, issuer.parentId ? src.agencies.get(issuer.parentId) : undefined);
  const recipients = doc.recipients as Recipient[];
  const coded: Organ[] = [];
  const places: string[] = [];
  for (const r of recipients) {
    const code =
      r.agencyCode ?? (r.agencyId ? src.agencies.get(r.agencyId)?.agencyCode : undefined) ?? undefined;
    if (code) coded.push({ organId: code, organName: r.name });
    else places.push(r.name);
  }
  const to = opts.to ?? coded;
  if (to.length === 0)
    throw new AppError('conflict', 'Văn bản không có nơi nhận nào có mã định danh để lập gói tin edXML.');
  const toIds = new Set(to.map((t) => t.organId));
  const toPlaces = [
    ...coded.filter((c) => !toIds.has(c.organId)).map((c) => c.organName),
    ...places,
    'Lưu: VT',
  ];
  const type = typeByCode(doc.typeCode);
  const typeIndex = DOCUMENT_TYPES.findIndex((t) => t.code === doc.typeCode);
  const signerTitle = doc.signerTitle ?? '';
  return {
    from,
    to,
    codeNumber: formatNumber(doc.number!),
    codeNotation: doc.notation!,
    place: src.place ?? issuer.name,
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
      typerNotation: `${initials(src.drafter)}${doc.copies ? `${doc.copies}` : ''}`,
      promulgationAmount: doc.copies ?? undefined,
      pageAmount: doc.pageCount ?? undefined,
      appendixes: [],
    },
    steeringType: 1,
    responseFor: src.answer ? [src.answer] : [],
    documentId: documentKey(doc),
    trace: {
      headers: [{ organId: from.organId, timestamp: wireTimestamp(opts.now) }],
      business: opts.business,
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(opts.staff ? { staff: { department: 'Văn thư', staff: opts.staff } } : {}),
    },
    attachments: src.attachments,
  };
}

/** What an incoming document made from a received package records of it. */
export function incomingValues(e: Edoc): IncomingFields {
  const type =
    (e.documentType.typeName ? typeByName(e.documentType.typeName) : undefined) ??
    (e.documentType.typeDetail ? typeByCode(e.documentType.typeDetail) : undefined);
  return {
    typeCode: type?.code ?? 'van_ban_khac',
    summary: e.subject,
    numberNotation: e.codeNotation ? `${e.codeNumber}/${e.codeNotation}` : e.codeNumber,
    issuedDate: e.promulgationDate,
    issuerName: e.from.organName,
    issuerCode: e.from.organId,
    signerName: e.signer.fullName ?? null,
    signerTitle: [e.signer.competence, e.signer.position].filter(Boolean).join(' ') || null,
    urgency: PRIORITY_TO_URGENCY[e.otherInfo.priority] ?? 'normal',
    pageCount: e.otherInfo.pageAmount ?? null,
    copies: e.otherInfo.promulgationAmount ?? null,
    dueDate: e.dueDate ?? null,
  };
}
