/**
 * The structured draft of an outgoing document: prefilled from the agency, the signer and the
 * document, saved by the holder, made into a DOCX from the template (a new version of the main file
 * through documents' editDraft), converted to PDF (the final version), or replaced by an edited DOCX.
 */
import { eq } from 'drizzle-orm';
import { vnDate } from '../../../shared/calendar/vn-time.ts';
import { type DraftFields, draftFields, templateDataOf } from '../../../shared/drafting/fields.ts';
import { archiveLine, draftNotation, KINH_GUI_TYPES } from '../../../shared/drafting/rules.ts';
import type { DraftSave } from '../../../shared/schemas/drafting.ts';
import { audit } from '../../platform/audit/index.ts';
import { saveBlobs } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { officeFor } from '../../platform/office/index.ts';
import { type AgencyRow, findAgency } from '../agencies/index.ts';
import { assertAllowed, currentFiles, type DocumentRow, editDraft, loadVisible } from '../documents/index.ts';
import { activePositions, firstAgencyHolder, personNames } from '../people/index.ts';
import { fillTemplate, MAX_DOCX_BYTES, openDocx } from './docx.ts';
import { documentDrafts } from './schema.ts';
import { DOCX_TYPE, templateFor } from './templates.ts';

/** Only the holder of a draft (or a returned one) changes it: documents' "edit" rule, before review. */
function assertChangeable(ctx: Ctx, doc: DocumentRow) {
  if (doc.direction !== 'outgoing') throw new AppError('conflict', 'Chỉ soạn theo mẫu được văn bản đi.');
  assertAllowed(ctx, 'edit', doc);
  if (doc.status !== 'draft' && doc.status !== 'returned')
    throw new AppError('conflict', 'Chỉ soạn theo mẫu được dự thảo hoặc văn bản bị trả lại.');
}

const UNIT_PREFIX = /^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+/iu;
const PLACE_PREFIX = /^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+/iu;

/** The place name (địa danh): the province's or district's name above (or at) the agency. */
async function placeOf(ctx: Ctx, agency: AgencyRow): Promise<string> {
  let a: AgencyRow | undefined = agency;
  let last = agency;
  for (let i = 0; a && i < 10; i++) {
    if (a.kind === 'district' || a.kind === 'province') break;
    last = a;
    a = a.parentId ? await findAgency(ctx.db, a.parentId) : undefined;
  }
  const name = (a ?? last).name;
  return name.replace(UNIT_PREFIX, '').replace(PLACE_PREFIX, '').trim();
}

/** The competence and position the agency's leader signs with (a People's Committee: "TM."). */
function signerDefaults(agency: AgencyRow, title: string | null) {
  const position = title?.trim() || 'Thủ trưởng cơ quan';
  const committee =
    /^ủy ban nhân dân/iu.test(agency.name) || ['province', 'district', 'commune'].includes(agency.kind);
  if (committee) return { competence: 'TM.' as const, authority: 'Ủy ban nhân dân', position };
  const deputy = /^phó\s+/iu.exec(position);
  if (deputy) return { competence: 'KT.' as const, authority: position.slice(deputy[0].length), position };
  return { competence: '' as const, authority: '', position };
}

/** The fields as the page first shows them. */
export async function prefill(ctx: Ctx, doc: DocumentRow): Promise<DraftFields> {
  const agency = await findAgency(ctx.db, doc.agencyId);
  if (!agency) throw new AppError('not_found', 'Cơ quan không tồn tại.');
  const parent = agency.parentId ? await findAgency(ctx.db, agency.parentId) : undefined;
  const division = doc.draftingDivisionId ? await findAgency(ctx.db, doc.draftingDivisionId) : undefined;
  const leaderId = await firstAgencyHolder(ctx.db, agency.id, 'agency_leader');
  const leaderName = leaderId ? (await personNames(ctx.db, [leaderId])).get(leaderId) : undefined;
  const leaderTitle = leaderId
    ? ((await activePositions(ctx.db, [leaderId])).find((p) => p.agencyId === agency.id)?.title ?? null)
    : null;
  const signer = signerDefaults(agency, doc.signerTitle ?? leaderTitle);
  const names = ((doc.recipients ?? []) as { name: string }[]).map((r) => r.name).filter(Boolean);
  const kinhGui = KINH_GUI_TYPES.has(doc.typeCode);
  return draftFields.parse({
    parentName: parent?.name ?? '',
    issuerName: agency.name,
    notation: draftNotation(doc.typeCode, agency.shortName, division?.shortName),
    place: (await placeOf(ctx, agency)) || agency.name,
    year: Number(vnDate(ctx.now()).slice(0, 4)),
    number: null,
    date: null,
    summary: doc.summary || '…',
    kinhGui: kinhGui ? names : [],
    noiNhan: kinhGui ? [] : names,
    archive: archiveLine(division?.shortName),
    ...signer,
    signerName: leaderName ?? '…',
  });
}

async function savedDraft(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(documentDrafts).where(eq(documentDrafts.documentId, id));
  return row;
}

async function mainFile(ctx: Ctx, id: string) {
  const files = (await currentFiles(ctx.db, [id])).get(id) ?? [];
  return { main: files.find((f) => f.role === 'main'), others: files.filter((f) => f.role !== 'main') };
}

function view(
  doc: DocumentRow,
  fields: DraftFields,
  body: string,
  saved: boolean,
  madeVersion: number | null,
) {
  return { documentId: doc.id, typeCode: doc.typeCode, fields, body, saved, madeVersion };
}

/** GET: the saved draft, else the prefill. */
export async function getDraft(ctx: Ctx, id: string) {
  const doc = await loadVisible(ctx, id);
  const row = await savedDraft(ctx, id);
  if (row) {
    const parsed = draftFields.safeParse(row.fields);
    if (parsed.success) return view(doc, parsed.data, row.body, true, row.madeVersion);
  }
  return view(doc, await prefill(ctx, doc), '', false, null);
}

/** PUT: the holder saves the fields and the body. */
export async function saveDraft(ctx: Ctx, id: string, input: DraftSave) {
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertChangeable(c, doc);
    await c.db
      .insert(documentDrafts)
      .values({ documentId: id, fields: input.fields, body: input.body, updatedById: c.actor.personId })
      .onConflictDoUpdate({
        target: documentDrafts.documentId,
        set: { fields: input.fields, body: input.body, updatedById: c.actor.personId, updatedAt: c.now() },
      });
    await audit(c.db, c.actor, {
      action: 'drafting.save',
      entityType: 'document',
      entityId: id,
      agencyId: doc.agencyId,
    });
    return view(doc, input.fields, input.body, true, (await savedDraft(c, id))?.madeVersion ?? null);
  });
}

/** Stores bytes as a blob and makes them the draft's new main file (attachments stay current). */
async function newMainVersion(c: Ctx, id: string, bytes: Buffer, fileName: string, mediaType: string) {
  const [blob] = await saveBlobs(c.db, c.blobs, [
    { bytes, declaredType: mediaType, maxBytes: MAX_DOCX_BYTES * 5 },
  ]);
  if (blob instanceof AppError) throw blob;
  const { others } = await mainFile(c, id);
  await editDraft(c, id, {
    files: [
      { sha256: blob!.sha256, fileName, role: 'main' },
      ...others.map((f) => ({ sha256: f.sha256, fileName: f.fileName, role: f.role as 'attachment' })),
    ],
  });
  const { main } = await mainFile(c, id);
  return main!;
}

function baseName(doc: DocumentRow) {
  const stem = (doc.summary || 'du-thao')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `du-thao-${stem || 'van-ban'}`;
}

/** POST make: fills the agency's template (or the built-in one) with the saved draft → new DOCX version. */
export async function makeDocx(ctx: Ctx, id: string) {
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertChangeable(c, doc);
    const row = await savedDraft(c, id);
    const fields = row ? draftFields.parse(row.fields) : await prefill(c, doc);
    const body = row?.body ?? '';
    const tpl = await templateFor(c, doc.agencyId, doc.typeCode);
    const docx = fillTemplate(tpl.bytes, templateDataOf(doc.typeCode, fields, body));
    const file = await newMainVersion(c, id, docx, `${baseName(doc)}.docx`, DOCX_TYPE);
    await c.db
      .insert(documentDrafts)
      .values({
        documentId: id,
        fields,
        body,
        templateId: tpl.row?.id ?? null,
        madeVersion: file.version,
        updatedById: c.actor.personId,
      })
      .onConflictDoUpdate({
        target: documentDrafts.documentId,
        set: { templateId: tpl.row?.id ?? null, madeVersion: file.version, updatedAt: c.now() },
      });
    await audit(c.db, c.actor, {
      action: 'drafting.make_docx',
      entityType: 'document',
      entityId: id,
      agencyId: doc.agencyId,
      detail: {
        version: file.version,
        template: tpl.row ? `v${tpl.row.version}` : 'builtin',
        sha256: file.sha256,
      },
    });
    return fileView(file);
  });
}

/** POST pdf: converts the current main DOCX with LibreOffice; the PDF becomes the current main file. */
export async function makePdf(ctx: Ctx, id: string) {
  const doc = await loadVisible(ctx, id);
  assertChangeable(ctx, doc);
  const { main } = await mainFile(ctx, id);
  if (!main) throw new AppError('conflict', 'Dự thảo chưa có tệp: hãy tạo bản thảo (DOCX) trước.');
  if (main.mediaType === 'application/pdf') throw new AppError('conflict', 'Tệp hiện tại đã là bản PDF.');
  if (main.mediaType !== DOCX_TYPE)
    throw new AppError('conflict', 'Chỉ tạo được bản PDF từ tệp Word (.docx) hiện tại.');
  const docx = await ctx.blobs.read(main.sha256);
  let pdf: Buffer;
  try {
    pdf = await officeFor(ctx.config.dataDir).convertToPdf(docx);
  } catch (e) {
    throw new AppError('conflict', `Không chuyển được sang PDF: ${(e as Error).message}`);
  }
  return inTx(ctx, async (c) => {
    const locked = await loadVisible(c, id, { forUpdate: true });
    assertChangeable(c, locked);
    const now = await mainFile(c, id);
    if (now.main?.id !== main.id)
      throw new AppError('conflict', 'Bản thảo vừa được thay đổi; hãy tạo lại bản PDF.');
    const file = await newMainVersion(
      c,
      id,
      pdf,
      `${main.fileName.replace(/\.docx$/i, '')}.pdf`,
      'application/pdf',
    );
    await audit(c.db, c.actor, {
      action: 'drafting.make_pdf',
      entityType: 'document',
      entityId: id,
      agencyId: doc.agencyId,
      detail: { version: file.version, from: main.version, sha256: file.sha256 },
    });
    return fileView(file);
  });
}

/** POST upload-docx: an officer's edited DOCX (checked like a template's file) → new version. */
export async function uploadDocx(ctx: Ctx, id: string, bytes: Buffer, fileName: string) {
  openDocx(bytes);
  return inTx(ctx, async (c) => {
    const doc = await loadVisible(c, id, { forUpdate: true });
    assertChangeable(c, doc);
    const name = /\.docx$/i.test(fileName) ? fileName : `${baseName(doc)}.docx`;
    const file = await newMainVersion(c, id, bytes, name.slice(0, 255), DOCX_TYPE);
    await audit(c.db, c.actor, {
      action: 'drafting.upload_docx',
      entityType: 'document',
      entityId: id,
      agencyId: doc.agencyId,
      detail: { version: file.version, sha256: file.sha256 },
    });
    return fileView(file);
  });
}

function fileView(f: {
  id: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  version: number;
}) {
  return {
    id: f.id,
    sha256: f.sha256,
    fileName: f.fileName,
    mediaType: f.mediaType,
    size: f.size,
    version: f.version,
  };
}
