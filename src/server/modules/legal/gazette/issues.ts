/**
 * Issues of the gazette: drafts numbered per year (a number or a range; no two issues of a year may
 * share a number), the accepted documents placed and ordered in them, then publication: the issue's
 * PDF generated and stored, its items and documents marked published. A published issue never
 * changes: every edit answers 409.
 */
import { and, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { vnYear } from '../../../../shared/calendar/vn-time.ts';
import {
  type GazetteIssueView,
  gazetteIssueLabel,
  type IssueInput,
  type PlaceInput,
} from '../../../../shared/legal/gazette-api.ts';
import type { Db } from '../../../db/client.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { Services } from '../../../platform/context.ts';
import { type Ctx, inTx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { gazetteIssues, gazetteItems, gazetteSettings, legalDocuments } from '../schema.ts';
import { buildIssuePdf } from './issue-pdf.ts';
import {
  assertEditor,
  type IssueRow,
  isEditor,
  issueItems,
  issueSummaries,
  loadDraftIssue,
  loadIssue,
  loadSettings,
  PUBLISHED_ISSUE,
  pdfFilesOf,
  presentItems,
  summaryOf,
} from './store.ts';
import { tellSubmitters } from './submissions.ts';

export const PDF_MAX_BYTES = 512 * 1024 * 1024;

export async function issueView(ctx: Ctx, id: string): Promise<GazetteIssueView> {
  const issue = await loadIssue(ctx.db, id);
  const s = await loadSettings(ctx.db);
  const editor = isEditor(ctx, s);
  // Drafts are the office's work in progress.
  if (issue.state === 'draft' && !editor) throw new AppError('not_found', 'Số công báo không tồn tại.');
  const items = await presentItems(ctx, await issueItems(ctx.db, id));
  return {
    ...summaryOf(issue),
    itemCount: items.length,
    items,
    pdfSize: issue.pdfSize ?? null,
    canEdit: editor && issue.state === 'draft',
  };
}

export async function listIssues(ctx: Ctx, year?: number) {
  const editor = isEditor(ctx, await loadSettings(ctx.db));
  const y = year ?? vnYear(ctx.now());
  return {
    items: await issueSummaries(
      ctx.db,
      and(eq(gazetteIssues.year, y), editor ? undefined : eq(gazetteIssues.state, 'published')),
    ),
  };
}

/**
 * 409 when another issue of the year holds one of these numbers. Runs under the settings row's lock,
 * so two editors cannot both take a free range.
 */
async function assertNumbersFree(db: Db, input: Required<IssueInput>, except?: string) {
  await db
    .select({ id: gazetteSettings.id })
    .from(gazetteSettings)
    .where(eq(gazetteSettings.id, 1))
    .for('update');
  const [clash] = await db
    .select()
    .from(gazetteIssues)
    .where(
      and(
        eq(gazetteIssues.year, input.year),
        lte(gazetteIssues.numberFrom, input.numberTo),
        gte(gazetteIssues.numberTo, input.numberFrom),
        except ? ne(gazetteIssues.id, except) : undefined,
      ),
    )
    .limit(1);
  if (clash) {
    const wanted = gazetteIssueLabel(input.numberFrom, input.numberTo);
    const other = gazetteIssueLabel(clash.numberFrom, clash.numberTo);
    const state = clash.state === 'published' ? 'đã phát hành' : 'bản nháp';
    throw new AppError(
      'conflict',
      `${wanted} năm ${input.year} đã có: trùng với số công báo "${other}" (${state}, ngày ${clash.issueDate.split('-').reverse().join('/')}).`,
      { fields: [{ path: 'body.numberFrom', message: `Số công báo ${other} năm ${input.year} đã có.` }] },
    );
  }
}

const full = (input: IssueInput): Required<IssueInput> => ({
  ...input,
  numberTo: input.numberTo ?? input.numberFrom,
});

export async function createIssue(ctx: Ctx, input: IssueInput): Promise<GazetteIssueView> {
  await assertEditor(ctx);
  const x = full(input);
  const id = await inTx(ctx, async (tx) => {
    await assertNumbersFree(tx.db, x);
    const [made] = await tx.db
      .insert(gazetteIssues)
      .values({ ...x, state: 'draft', createdBy: tx.actor.personId })
      .returning({ id: gazetteIssues.id });
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.issue.create',
      entityType: 'gazette_issue',
      entityId: made!.id,
      detail: { ...x, label: gazetteIssueLabel(x.numberFrom, x.numberTo) },
    });
    return made!.id;
  });
  return issueView(ctx, id);
}

export async function updateIssue(ctx: Ctx, id: string, input: IssueInput): Promise<GazetteIssueView> {
  await assertEditor(ctx);
  const x = full(input);
  await inTx(ctx, async (tx) => {
    const before = await loadDraftIssue(tx.db, id);
    await assertNumbersFree(tx.db, x, id);
    await tx.db
      .update(gazetteIssues)
      .set({ ...x, updatedAt: tx.now() })
      .where(eq(gazetteIssues.id, id));
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.issue.update',
      entityType: 'gazette_issue',
      entityId: id,
      detail: {
        before: {
          year: before.year,
          numberFrom: before.numberFrom,
          numberTo: before.numberTo,
          issueDate: before.issueDate,
        },
        after: x,
      },
    });
  });
  return issueView(ctx, id);
}

/** Deletes a draft issue; its items go back to the accepted list. */
export async function deleteIssue(ctx: Ctx, id: string): Promise<void> {
  await assertEditor(ctx);
  await inTx(ctx, async (tx) => {
    const issue = await loadDraftIssue(tx.db, id);
    await tx.db
      .update(gazetteItems)
      .set({ state: 'accepted', issueId: null, position: null, updatedAt: tx.now() })
      .where(eq(gazetteItems.issueId, id));
    await tx.db.delete(gazetteIssues).where(eq(gazetteIssues.id, id));
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.issue.delete',
      entityType: 'gazette_issue',
      entityId: id,
      detail: { year: issue.year, label: gazetteIssueLabel(issue.numberFrom, issue.numberTo) },
    });
  });
}

/** Writes positions 1…n in this order. */
async function renumber(db: Db, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await db.execute(sql`UPDATE gazette_items g SET position = o.n::int, updated_at = ${now}
                         FROM unnest(${sql.param(ids)}::uuid[]) WITH ORDINALITY AS o(id, n)
                        WHERE g.id = o.id`);
}

async function placedIds(db: Db, issueId: string): Promise<string[]> {
  return (await issueItems(db, issueId)).map((i) => i.id);
}

/** Places an accepted item into a draft issue at `position` (the end by default). */
export async function placeItem(ctx: Ctx, issueId: string, input: PlaceInput): Promise<GazetteIssueView> {
  await assertEditor(ctx);
  await inTx(ctx, async (tx) => {
    await loadDraftIssue(tx.db, issueId);
    const [item] = await tx.db
      .select()
      .from(gazetteItems)
      .where(eq(gazetteItems.id, input.itemId))
      .for('update');
    if (!item) throw new AppError('not_found', 'Văn bản gửi đăng Công báo không tồn tại.');
    if (item.state !== 'accepted')
      throw new AppError(
        'conflict',
        item.state === 'submitted'
          ? 'Văn bản chưa được tiếp nhận; hãy tiếp nhận trước khi xếp vào số công báo.'
          : 'Chỉ văn bản đã tiếp nhận, chưa xếp vào số nào mới được xếp vào số công báo.',
      );
    const order = await placedIds(tx.db, issueId);
    const at = Math.min(input.position ?? order.length + 1, order.length + 1) - 1;
    order.splice(at, 0, item.id);
    await tx.db
      .update(gazetteItems)
      .set({ state: 'placed', issueId, updatedAt: tx.now() })
      .where(eq(gazetteItems.id, item.id));
    await renumber(tx.db, order, tx.now());
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.issue.place',
      entityType: 'gazette_issue',
      entityId: issueId,
      detail: { itemId: item.id, legalDocumentId: item.legalDocumentId, position: at + 1 },
    });
  });
  return issueView(ctx, issueId);
}

/** Takes an item out of a draft issue: back to the accepted list. */
export async function unplaceItem(ctx: Ctx, issueId: string, itemId: string): Promise<GazetteIssueView> {
  await assertEditor(ctx);
  await inTx(ctx, async (tx) => {
    await loadDraftIssue(tx.db, issueId);
    const order = await placedIds(tx.db, issueId);
    if (!order.includes(itemId)) throw new AppError('not_found', 'Văn bản này không có trong số công báo.');
    await tx.db
      .update(gazetteItems)
      .set({ state: 'accepted', issueId: null, position: null, updatedAt: tx.now() })
      .where(eq(gazetteItems.id, itemId));
    await renumber(
      tx.db,
      order.filter((x) => x !== itemId),
      tx.now(),
    );
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.issue.unplace',
      entityType: 'gazette_issue',
      entityId: issueId,
      detail: { itemId },
    });
  });
  return issueView(ctx, issueId);
}

/** Orders a draft issue's items: `itemIds` must be exactly its items. */
export async function reorderItems(ctx: Ctx, issueId: string, itemIds: string[]): Promise<GazetteIssueView> {
  await assertEditor(ctx);
  await inTx(ctx, async (tx) => {
    await loadDraftIssue(tx.db, issueId);
    const order = await placedIds(tx.db, issueId);
    const same =
      itemIds.length === order.length &&
      new Set(itemIds).size === itemIds.length &&
      itemIds.every((x) => order.includes(x));
    if (!same)
      throw new AppError(
        'bad_request',
        `Danh sách sắp xếp phải gồm đúng ${order.length} văn bản của số công báo, mỗi văn bản một lần.`,
        {
          fields: [
            { path: 'body.itemIds', message: 'Danh sách không khớp với các văn bản trong số công báo.' },
          ],
        },
      );
    await renumber(tx.db, itemIds, tx.now());
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.issue.reorder',
      entityType: 'gazette_issue',
      entityId: issueId,
      detail: { before: order, after: itemIds },
    });
  });
  return issueView(ctx, issueId);
}

/** The issue's PDF built from its documents' PDFs as they are now. */
async function renderIssue(services: Services, issue: IssueRow, allowMissing = false) {
  const settings = await loadSettings(services.db);
  const items = await issueItems(services.db, issue.id);
  if (items.length === 0)
    throw new AppError(
      'bad_request',
      'Số công báo chưa có văn bản nào; hãy xếp văn bản vào trước khi phát hành.',
    );
  const pdfs = await pdfFilesOf(
    services.db,
    items.map((i) => i.legalDocumentId),
  );
  const missing = items.filter((i) => !pdfs.has(i.legalDocumentId));
  if (missing.length && !allowMissing)
    throw new AppError(
      'bad_request',
      `Văn bản ${missing.map((i) => i.numberNotation).join(', ')} chưa có tệp PDF; không thể phát hành số công báo.`,
    );
  const documents = [];
  for (const i of items)
    documents.push({
      numberNotation: i.numberNotation,
      issuedDate: i.issuedDate,
      title: i.title,
      pdf: pdfs.has(i.legalDocumentId)
        ? await services.blobs.read(pdfs.get(i.legalDocumentId)!.sha256)
        : null,
    });
  try {
    const bytes = await buildIssuePdf({
      gazetteTitle: settings?.title ?? 'CÔNG BÁO',
      officeName: settings?.officeName ?? '',
      label: gazetteIssueLabel(issue.numberFrom, issue.numberTo),
      issueDate: issue.issueDate,
      documents,
    });
    return { bytes, itemIds: items.map((i) => i.id), items };
  } catch (e) {
    const at = (e as { unreadable?: number }).unreadable;
    if (at === undefined) throw e;
    throw new AppError('bad_request', `Tệp PDF của văn bản ${items[at]!.numberNotation} không đọc được.`);
  }
}

export async function publishIssue(ctx: Ctx, id: string): Promise<GazetteIssueView> {
  await assertEditor(ctx);
  const draft = await loadIssue(ctx.db, id);
  if (draft.state !== 'draft') throw new AppError('conflict', PUBLISHED_ISSUE);
  // Built before the transaction (it reads files); the transaction checks nothing moved meanwhile.
  const { bytes, itemIds, items } = await renderIssue(ctx, draft);
  const stored = await ctx.blobs.putBuffer(bytes, {
    declaredType: 'application/pdf',
    maxBytes: PDF_MAX_BYTES,
  });
  await inTx(ctx, async (tx) => {
    const issue = await loadDraftIssue(tx.db, id);
    const now = await placedIds(tx.db, id);
    if (now.join() !== itemIds.join())
      throw new AppError('conflict', 'Nội dung số công báo vừa thay đổi; hãy tải lại trang rồi phát hành.');
    await tx.db
      .update(gazetteIssues)
      .set({
        state: 'published',
        pdfSha256: stored.sha256,
        pdfSize: stored.size,
        publishedAt: tx.now(),
        publishedBy: tx.actor.personId,
        updatedAt: tx.now(),
      })
      .where(eq(gazetteIssues.id, id));
    await tx.db
      .update(gazetteItems)
      .set({ state: 'published', updatedAt: tx.now() })
      .where(inArray(gazetteItems.id, itemIds));
    await tx.db
      .update(legalDocuments)
      .set({ gazetteIssueId: id, gazetteDate: issue.issueDate, updatedAt: tx.now() })
      .where(
        inArray(
          legalDocuments.id,
          items.map((i) => i.legalDocumentId),
        ),
      );
    const label = gazetteIssueLabel(issue.numberFrom, issue.numberTo);
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.issue.publish',
      entityType: 'gazette_issue',
      entityId: id,
      detail: {
        year: issue.year,
        label,
        items: items.map((i) => i.numberNotation),
        pdfSha256: stored.sha256,
      },
    });
    await tellSubmitters(
      tx.db,
      items,
      (n) => `Văn bản ${n} đã được đăng Công báo ${label} năm ${issue.year}`,
    );
  });
  return issueView(ctx, id);
}

/**
 * The PDF of a published issue. An issue published without a stored PDF (the demo's, seeded without
 * a blob store) gets it built now, once, from its documents.
 */
export async function issuePdf(services: Services, id: string): Promise<{ bytes: Buffer; fileName: string }> {
  const issue = await loadIssue(services.db, id);
  if (issue.state !== 'published') throw new AppError('not_found', 'Số công báo chưa phát hành.');
  const fileName = `cong-bao-${issue.year}-so-${issue.numberFrom}${issue.numberTo > issue.numberFrom ? `-${issue.numberTo}` : ''}.pdf`;
  if (issue.pdfSha256) return { bytes: await services.blobs.read(issue.pdfSha256), fileName };
  const { bytes } = await renderIssue(services, issue, true);
  const stored = await services.blobs.putBuffer(bytes, {
    declaredType: 'application/pdf',
    maxBytes: PDF_MAX_BYTES,
  });
  await services.db
    .update(gazetteIssues)
    .set({ pdfSha256: stored.sha256, pdfSize: stored.size })
    .where(and(eq(gazetteIssues.id, id), sql`${gazetteIssues.pdfSha256} IS NULL`));
  return { bytes, fileName };
}
