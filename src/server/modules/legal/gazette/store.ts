/**
 * Reading the gazette: its settings (the office), items with their document and issue, issues, and
 * the presenter that adds the deadlines (rules.ts) and the names the screens show.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { vnDate } from '../../../../shared/calendar/vn-time.ts';
import { legalType } from '../../../../shared/legal/catalogue.ts';
import {
  type GazetteIssueSummary,
  type GazetteItemView,
  type GazetteSettingsView,
  gazetteIssueLabel,
} from '../../../../shared/legal/gazette-api.ts';
import type { Db } from '../../../db/client.ts';
import { roleAllows } from '../../../platform/access/permissions.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { findAgencies } from '../../agencies/index.ts';
import {
  gazetteIssues,
  gazetteItems,
  gazetteSettings,
  legalDocumentFiles,
  legalDocuments,
} from '../schema.ts';
import { deadlines } from './rules.ts';

export type IssueRow = typeof gazetteIssues.$inferSelect;
export type SettingsRow = typeof gazetteSettings.$inferSelect;

export async function loadSettings(db: Db): Promise<(SettingsRow & { officeName: string }) | undefined> {
  const [s] = await db.select().from(gazetteSettings).where(eq(gazetteSettings.id, 1));
  if (!s) return undefined;
  const office = (await findAgencies(db, [s.officeAgencyId])).get(s.officeAgencyId);
  return { ...s, officeName: office?.name ?? '' };
}

/** A person with gazette.edit acting for the gazette office. */
export function isEditor(ctx: Ctx, s: SettingsRow | undefined): boolean {
  const a = ctx.actor;
  return !!s && !!a.role && roleAllows(a.role, 'gazette.edit') && a.agencyId === s.officeAgencyId;
}

export async function settingsView(ctx: Ctx): Promise<GazetteSettingsView> {
  const s = await loadSettings(ctx.db);
  return {
    configured: !!s,
    officeAgencyId: s?.officeAgencyId ?? null,
    officeName: s?.officeName ?? null,
    title: s?.title ?? null,
    isEditor: isEditor(ctx, s),
  };
}

/** The office's settings of an editor; 403 for anyone else, 409 when no office is set. */
export async function assertEditor(ctx: Ctx) {
  const s = await loadSettings(ctx.db);
  if (!s)
    throw new AppError(
      'conflict',
      'Chưa thiết lập cơ quan Công báo; quản trị hệ thống cần chọn cơ quan (Văn phòng UBND tỉnh) trước.',
    );
  if (!isEditor(ctx, s))
    throw new AppError('forbidden', `Chỉ ${s.officeName} (cơ quan Công báo) mới được biên tập Công báo.`);
  return s;
}

const itemColumns = {
  id: gazetteItems.id,
  legalDocumentId: gazetteItems.legalDocumentId,
  numberNotation: legalDocuments.numberNotation,
  title: legalDocuments.title,
  typeCode: legalDocuments.typeCode,
  issuedDate: legalDocuments.issuedDate,
  submittedByAgencyId: gazetteItems.submittedByAgencyId,
  submittedAt: gazetteItems.submittedAt,
  state: gazetteItems.state,
  receivedAt: gazetteItems.receivedAt,
  issueId: gazetteItems.issueId,
  position: gazetteItems.position,
  returnReason: gazetteItems.returnReason,
  issueFrom: gazetteIssues.numberFrom,
  issueTo: gazetteIssues.numberTo,
  issueDate: gazetteIssues.issueDate,
};

/** Items matching `where`, with their document and issue, in `order`. */
export async function findItems(db: Db, where: SQL | undefined, order: SQL[], limit = 500) {
  return db
    .select(itemColumns)
    .from(gazetteItems)
    .innerJoin(legalDocuments, eq(legalDocuments.id, gazetteItems.legalDocumentId))
    .leftJoin(gazetteIssues, eq(gazetteIssues.id, gazetteItems.issueId))
    .where(where)
    .orderBy(...order)
    .limit(limit);
}
export type ItemRow = Awaited<ReturnType<typeof findItems>>[number];

export async function presentItems(ctx: Ctx, list: ItemRow[]): Promise<GazetteItemView[]> {
  const names = await findAgencies(
    ctx.db,
    list.map((i) => i.submittedByAgencyId),
  );
  const today = vnDate(ctx.now());
  return list.map((i) => {
    const submittedOn = vnDate(i.submittedAt);
    const d = deadlines({
      state: i.state as GazetteItemView['state'],
      issuedDate: i.issuedDate,
      submittedOn,
      receivedOn: i.receivedAt ? vnDate(i.receivedAt) : null,
      publishedOn: i.state === 'published' ? i.issueDate : null,
      today,
    });
    return {
      id: i.id,
      legalDocumentId: i.legalDocumentId,
      numberNotation: i.numberNotation,
      title: i.title,
      typeName: legalType(i.typeCode)?.name ?? i.typeCode,
      issuedDate: i.issuedDate,
      submittedByAgencyId: i.submittedByAgencyId,
      submittedByAgencyName: names.get(i.submittedByAgencyId)?.name ?? '',
      submittedAt: i.submittedAt.toISOString(),
      submittedOn,
      state: i.state as GazetteItemView['state'],
      receivedAt: i.receivedAt?.toISOString() ?? null,
      publishBy: d.publishBy,
      issueId: i.issueId,
      issueLabel: i.issueFrom != null && i.issueTo != null ? gazetteIssueLabel(i.issueFrom, i.issueTo) : null,
      position: i.position,
      returnReason: i.returnReason,
      lateSubmission: d.lateSubmission,
      latePublication: d.latePublication,
    };
  });
}

export async function loadItem(db: Db, id: string): Promise<ItemRow> {
  const [i] = await findItems(db, eq(gazetteItems.id, id), []);
  if (!i) throw new AppError('not_found', 'Văn bản gửi đăng Công báo không tồn tại.');
  return i;
}

export async function loadIssue(db: Db, id: string, lock = false): Promise<IssueRow> {
  const q = db.select().from(gazetteIssues).where(eq(gazetteIssues.id, id));
  const [issue] = lock ? await q.for('update') : await q;
  if (!issue) throw new AppError('not_found', 'Số công báo không tồn tại.');
  return issue;
}

export const PUBLISHED_ISSUE = 'Số công báo đã phát hành, không thể sửa.';

/** A draft issue, locked for the caller's transaction; 409 once published. */
export async function loadDraftIssue(db: Db, id: string): Promise<IssueRow> {
  const issue = await loadIssue(db, id, true);
  if (issue.state !== 'draft') throw new AppError('conflict', PUBLISHED_ISSUE);
  return issue;
}

export async function issueSummaries(db: Db, where: SQL | undefined): Promise<GazetteIssueSummary[]> {
  const list = await db
    .select({
      issue: gazetteIssues,
      itemCount: sql<number>`(SELECT count(*)::int FROM gazette_items i WHERE i.issue_id = gazette_issues.id AND i.state IN ('placed','published'))`,
    })
    .from(gazetteIssues)
    .where(where)
    .orderBy(desc(gazetteIssues.year), desc(gazetteIssues.numberFrom))
    .limit(200);
  return list.map(({ issue, itemCount }) => ({ ...summaryOf(issue), itemCount }));
}

export function summaryOf(issue: IssueRow): Omit<GazetteIssueSummary, 'itemCount'> {
  return {
    id: issue.id,
    year: issue.year,
    numberFrom: issue.numberFrom,
    numberTo: issue.numberTo,
    label: gazetteIssueLabel(issue.numberFrom, issue.numberTo),
    issueDate: issue.issueDate,
    state: issue.state as GazetteIssueSummary['state'],
    publishedAt: issue.publishedAt?.toISOString() ?? null,
  };
}

/** The items placed in an issue, in their order. */
export async function issueItems(db: Db, issueId: string) {
  return findItems(
    db,
    and(eq(gazetteItems.issueId, issueId), inArray(gazetteItems.state, ['placed', 'published'])),
    [asc(gazetteItems.position), asc(gazetteItems.id)],
  );
}

/** The newest PDF file of each document (the main one first), by document id. */
export async function pdfFilesOf(db: Db, documentIds: string[]) {
  if (documentIds.length === 0) return new Map<string, { sha256: string; fileName: string }>();
  const files = await db
    .select({
      legalDocumentId: legalDocumentFiles.legalDocumentId,
      sha256: legalDocumentFiles.sha256,
      fileName: legalDocumentFiles.fileName,
      role: legalDocumentFiles.role,
    })
    .from(legalDocumentFiles)
    .where(
      and(
        inArray(legalDocumentFiles.legalDocumentId, documentIds),
        eq(legalDocumentFiles.mediaType, 'application/pdf'),
      ),
    )
    .orderBy(sql`(${legalDocumentFiles.role} = 'main') DESC`, desc(legalDocumentFiles.createdAt));
  const out = new Map<string, { sha256: string; fileName: string }>();
  for (const f of files) if (!out.has(f.legalDocumentId)) out.set(f.legalDocumentId, f);
  return out;
}
