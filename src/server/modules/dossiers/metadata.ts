import { buffer } from 'node:stream/consumers';
import { inArray, sql } from 'drizzle-orm';
import { create } from 'xmlbuilder2';
import { viDate } from '../../../shared/calendar/vn-time.ts';
import { parseNumberNotation, typeByCode } from '../../../shared/documents/decree30.ts';
import { retentionLabel } from '../../../shared/schemas/dossiers.ts';
import { rows } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ListPdf, PdfBinder } from '../../platform/pdf/index.ts';
import { findAgency } from '../agencies/index.ts';
import { currentFiles, documentFacts, handlers, handlingTrail } from '../documents/index.ts';
import { type DossierRow, loadDossier } from './access.ts';
import { dossiers } from './schema.ts';
import { organIdOf } from './service.ts';

/** Urgency as the single digit of Appendix VI "Priority" (0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc). */
const PRIORITY: Record<string, number> = { normal: 0, khan: 1, thuong_khan: 2, hoa_toc: 3 };

export interface FileMeta {
  /** Path inside a transfer package. */
  path: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
}

export interface ItemMeta {
  ordinal: number;
  kind: 'document' | 'file';
  direction: 'incoming' | 'outgoing' | null;
  secret: boolean;
  typeName: string;
  codeNumber: string | null;
  codeNotation: string | null;
  issuedDate: string | null;
  organName: string | null;
  subject: string;
  language: string;
  pageAmount: number | null;
  description: string | null;
  signer: { position: string | null; fullName: string | null };
  to: { organId: string | null; organName: string }[];
  priority: number;
  issuedAmount: number | null;
  dueDate: string | null;
  arrivalDate: string | null;
  arrivalNumber: number | null;
  toPlaces: string | null;
  traceHeaderList: string | null;
  files: FileMeta[];
}

export interface DossierMeta {
  row: DossierRow;
  items: ItemMeta[];
}

/** A document's main file first, then its attachments, then the rest (the handling results). */
function fileRank(role: string): number {
  return role === 'main' ? 0 : role === 'attachment' ? 1 : 2;
}

function ext(fileName: string, mediaType: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  if (m) return `.${m[1]!.toLowerCase()}`;
  return mediaType === 'application/pdf' ? '.pdf' : '';
}

/**
 * Everything Appendix VI asks of a dossier and of each of its items, with the files each item
 * brings (a document's current files; another file's own bytes). Named by FileCode and ordinal, as
 * archive practice names files ("mã hồ sơ" + "." + ordinal).
 */
export async function dossierMeta(ctx: Ctx, row: DossierRow): Promise<DossierMeta> {
  const items = await rows<{
    ordinal: number;
    kind: 'document' | 'file';
    title: string | null;
    sha256: string | null;
    file_name: string | null;
    media_type: string | null;
    size: string | number | null;
    item_page_count: number | null;
    item_date: string | null;
    document_id: string | null;
  }>(
    ctx.db,
    sql`SELECT i.ordinal, i.kind, i.title, i.sha256, i.file_name, i.media_type, i.size, i.page_count AS item_page_count,
               i.item_date::text AS item_date, i.document_id
          FROM dossier_items i
         WHERE i.dossier_id = ${row.id} ORDER BY i.ordinal`,
  );
  const agencyName = (await findAgency(ctx.db, row.agencyId))?.name ?? '';
  const docIds = items.map((i) => i.document_id).filter((x): x is string => !!x);
  // What the documents module records of each document: its facts, current files, trail and handlers.
  const docs = await documentFacts(ctx.db, docIds);
  const files = await currentFiles(ctx.db, docIds);
  const traces = docIds.length ? await handlingTrail(ctx.db, docIds) : [];
  const places = docIds.length ? await handlers(ctx.db, docIds) : [];
  const pad = (n: number) => String(n).padStart(3, '0');
  const base = `files/${row.fileCode}/${row.fileCode}`;
  const out: ItemMeta[] = items.map((i) => {
    if (i.kind === 'file') {
      return {
        ordinal: i.ordinal,
        kind: 'file',
        direction: null,
        secret: false,
        typeName: 'Tài liệu',
        codeNumber: null,
        codeNotation: null,
        issuedDate: i.item_date,
        organName: agencyName,
        subject: i.title ?? '',
        language: 'Tiếng Việt',
        pageAmount: i.item_page_count,
        description: null,
        signer: { position: null, fullName: null },
        to: [],
        priority: 0,
        issuedAmount: null,
        dueDate: null,
        arrivalDate: null,
        arrivalNumber: null,
        toPlaces: null,
        traceHeaderList: null,
        files: [
          {
            path: `${base}.${pad(i.ordinal)}${ext(i.file_name!, i.media_type!)}`,
            sha256: i.sha256!,
            fileName: i.file_name!,
            mediaType: i.media_type!,
            size: Number(i.size),
          },
        ],
      };
    }
    const d = docs.get(i.document_id!)!;
    const nn = d.numberNotation ? parseNumberNotation(d.numberNotation) : null;
    const myFiles = [...(files.get(i.document_id!) ?? [])].sort(
      (a, b) => fileRank(a.role) - fileRank(b.role),
    );
    return {
      ordinal: i.ordinal,
      kind: 'document',
      direction: d.direction as 'incoming' | 'outgoing',
      secret: d.secrecy !== 'normal',
      typeName: typeByCode(d.typeCode)?.name ?? d.typeCode,
      codeNumber: d.number !== null ? String(d.number).padStart(2, '0') : (nn?.number ?? null),
      codeNotation: d.notation ?? (nn ? (nn.year ? `${nn.year}/${nn.notation}` : nn.notation) : null),
      issuedDate: d.issuedDate,
      organName: d.direction === 'outgoing' ? agencyName : d.issuerName,
      subject: d.summary,
      language: 'Tiếng Việt',
      pageAmount: d.pageCount,
      description: null,
      signer: { position: d.signerTitle, fullName: d.signerName },
      to: (d.recipients ?? []).map((r) => ({ organId: null, organName: r.name })),
      priority: PRIORITY[d.urgency ?? 'normal'] ?? 0,
      issuedAmount: d.copies,
      dueDate: d.dueDate,
      arrivalDate: d.arrivedAt ? new Date(d.arrivedAt).toISOString().slice(0, 10) : null,
      arrivalNumber: d.arrivalNumber,
      toPlaces:
        places
          .filter((p) => p.documentId === i.document_id)
          .map((p) => p.name)
          .join('; ') || null,
      traceHeaderList:
        traces
          .filter((t) => t.documentId === i.document_id)
          .map((t) => t.line)
          .join('\n') || null,
      files: myFiles.map((f, n) => ({
        path: `${base}.${pad(i.ordinal)}${myFiles.length > 1 ? `-${n + 1}` : ''}${ext(f.fileName, f.mediaType)}`,
        sha256: f.sha256,
        fileName: f.fileName,
        mediaType: f.mediaType,
        size: f.size,
      })),
    };
  });
  return { row, items: out };
}

/** Secret documents never travel over the network: their dossiers are not exported or transferred here. */
export function refuseSecret(meta: DossierMeta) {
  const secret = meta.items.find((i) => i.secret);
  if (secret)
    throw new AppError(
      'forbidden',
      `Hồ sơ ${meta.row.fileCode} có văn bản mật (số thứ tự ${secret.ordinal}); hồ sơ có văn bản mật không được xuất hoặc nộp lưu qua mạng.`,
    );
}

type Node = ReturnType<typeof create>;
const put = (n: Node, tag: string, v: string | number | null | undefined) => {
  n.ele(tag).txt(v === null || v === undefined ? '' : String(v));
};

/** One dossier as Appendix VI, Part II, table 3 (hồ sơ), with each item as table 1 (đi) or 2 (đến). */
export function dossierXml(parent: Node, m: DossierMeta) {
  const d = m.row;
  const x = parent.ele('Dossier');
  const code = x.ele('FileCode');
  put(code, 'OrganId', d.organId);
  put(code, 'FileCatalog', d.year);
  put(code, 'FileNotation', d.notation);
  put(x, 'Title', d.title);
  put(x, 'Maintenance', retentionLabel(d.retentionYears));
  put(x, 'Rights', d.rights);
  put(x, 'Creator', d.creatorName);
  put(x, 'Language', d.language);
  put(x, 'StartDate', viDate(d.startDate));
  put(x, 'EndDate', viDate(d.endDate));
  put(x, 'DocTotal', d.docTotal ?? m.items.length);
  put(x, 'PageTotal', d.pageTotal);
  put(x, 'Description', d.description);
  const docs = x.ele('Documents');
  for (const i of m.items) {
    const e = docs.ele('Document', { kind: i.kind, ...(i.direction ? { direction: i.direction } : {}) });
    const fc = e.ele('FileCode');
    put(fc, 'OrganId', d.organId);
    put(fc, 'FileCatalog', d.year);
    put(fc, 'FileNotation', d.notation);
    put(e, 'DocOrdinal', i.ordinal);
    put(e, 'TypeName', i.typeName);
    put(e, 'CodeNumber', i.codeNumber);
    put(e, 'CodeNotation', i.codeNotation);
    put(e, 'IssuedDate', viDate(i.issuedDate));
    put(e, 'OrganName', i.organName);
    put(e, 'Subject', i.subject);
    put(e, 'Language', i.language);
    put(e, 'PageAmount', i.pageAmount);
    put(e, 'Description', i.description);
    if (i.direction === 'incoming') {
      put(e, 'ArrivalDate', viDate(i.arrivalDate));
      put(e, 'ArrivalNumber', i.arrivalNumber);
    }
    const s = e.ele('SignerInfo');
    put(s, 'Position', i.signer.position);
    put(s, 'FullName', i.signer.fullName);
    if (i.direction === 'outgoing')
      for (const t of i.to) {
        const to = e.ele('To');
        put(to, 'OrganId', t.organId);
        put(to, 'OrganName', t.organName);
      }
    put(e, 'Priority', i.priority);
    if (i.direction === 'outgoing') put(e, 'IssuedAmount', i.issuedAmount);
    if (i.direction === 'incoming') {
      put(e, 'ToPlaces', i.toPlaces);
      put(e, 'TraceHeaderList', i.traceHeaderList);
    }
    put(e, 'DueDate', viDate(i.dueDate));
    const fs = e.ele('Files');
    for (const f of i.files)
      fs.ele('File', { path: f.path, sha256: f.sha256, size: String(f.size), mediaType: f.mediaType }).txt(
        f.fileName,
      );
  }
}

export function metadataXml(metas: DossierMeta[], attrs: Record<string, string> = {}): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('Dossiers', {
    standard: 'ND30-2020-PL-VI',
    ...attrs,
  });
  for (const m of metas) dossierXml(root, m);
  return root.end({ prettyPrint: true });
}

export async function loadWithMeta(ctx: Ctx, id: string) {
  const d = await loadDossier(ctx, id);
  return dossierMeta(ctx, d);
}

/**
 * The dossier as one PDF: the contents list (Appendix V, IV, Mục lục văn bản, tài liệu) followed by
 * every PDF file of its items in order. Files that are not PDF are named in the list only.
 */
export async function dossierPdf(ctx: Ctx, m: DossierMeta): Promise<Buffer> {
  const organ = await organIdOf(ctx);
  const list = new ListPdf(`Hồ sơ ${m.row.fileCode}`, false);
  list.heading(organ.parentName, organ.name);
  list.title([
    { text: 'MỤC LỤC VĂN BẢN, TÀI LIỆU', size: 14 },
    { text: `Số, ký hiệu hồ sơ: ${m.row.notation}`, size: 12 },
    { text: `Năm ${m.row.year}`, size: 12 },
  ]);
  list.paragraph(`Tiêu đề hồ sơ: ${m.row.title}`, 'serif-bold');
  list.paragraph(`Mã hồ sơ: ${m.row.fileCode} — Thời hạn bảo quản: ${retentionLabel(m.row.retentionYears)}`);
  list.doc.moveDown(0.5);
  const body = await PdfBinder.create();
  const startPage = new Map<number, number>();
  const skipped = new Map<number, string[]>();
  // First the documents' pages, to know where each starts; the list goes in front of them afterwards.
  for (const i of m.items) {
    for (const f of i.files) {
      if (f.mediaType !== 'application/pdf') {
        skipped.set(i.ordinal, [...(skipped.get(i.ordinal) ?? []), f.fileName]);
        continue;
      }
      try {
        const first = await body.append(await buffer(await ctx.blobs.get(f.sha256)));
        if (!startPage.has(i.ordinal)) startPage.set(i.ordinal, first);
      } catch {
        skipped.set(i.ordinal, [...(skipped.get(i.ordinal) ?? []), `${f.fileName} (không đọc được)`]);
      }
    }
  }
  list.table(
    [
      { title: 'STT', width: 6, align: 'center' },
      { title: 'Số, ký hiệu văn bản', width: 16 },
      { title: 'Ngày tháng năm văn bản', width: 13, align: 'center' },
      { title: 'Tên loại và trích yếu nội dung văn bản', width: 35 },
      { title: 'Tác giả văn bản', width: 16 },
      { title: 'Tờ số/ Trang số', width: 8, align: 'center' },
      { title: 'Ghi chú', width: 12 },
    ],
    m.items.map((i) => ({
      cells: [
        String(i.ordinal),
        [i.codeNumber, i.codeNotation].filter(Boolean).join('/'),
        viDate(i.issuedDate),
        `${i.typeName}: ${i.subject}`,
        i.organName ?? '',
        startPage.has(i.ordinal) ? `tr. ${startPage.get(i.ordinal)}` : '',
        skipped.has(i.ordinal) ? `Tệp không phải PDF: ${skipped.get(i.ordinal)!.join(', ')}` : '',
      ],
    })),
  );
  list.paragraph(
    `Hồ sơ gồm ${m.items.length} văn bản, tài liệu; ${body.pageCount} trang tệp PDF kèm theo sau mục lục (số trang tính từ trang đầu tiên sau mục lục).`,
    'serif-italic',
    10,
  );
  return body.save(await list.end(), { title: `Hồ sơ ${m.row.fileCode}: ${m.row.title}` });
}

export async function dossierRowsByIds(ctx: Ctx, ids: string[]) {
  return ids.length ? ctx.db.select().from(dossiers).where(inArray(dossiers.id, ids)) : [];
}
