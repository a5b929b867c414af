/**
 * The way into the gazette: the system administrator names the gazette office; the issuing agency's
 * clerk or leader submits a signed local legal document of its own with its PDF; the office accepts
 * it (the 7-day publication clock starts) or returns it with a reason. Every change is audited and
 * the submitting agency's clerks are told.
 */
import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import { vnDate, vnYear } from '../../../../shared/calendar/vn-time.ts';
import type {
  DocumentGazetteView,
  GazetteItemView,
  GazetteOverview,
  GazetteSettingsInput,
  GazetteSettingsView,
} from '../../../../shared/legal/gazette-api.ts';
import type { Db } from '../../../db/client.ts';
import { roleAllows } from '../../../platform/access/permissions.ts';
import { audit } from '../../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { findAgency } from '../../agencies/index.ts';
import { notifyMany } from '../../notifications/index.ts';
import { holdersByAgency } from '../../people/index.ts';
import { gazetteIssues, gazetteItems, gazetteSettings, legalDocuments } from '../schema.ts';
import {
  assertEditor,
  findItems,
  type ItemRow,
  isEditor,
  issueSummaries,
  loadItem,
  loadSettings,
  pdfFilesOf,
  presentItems,
  settingsView,
} from './store.ts';

export async function saveSettings(ctx: Ctx, input: GazetteSettingsInput): Promise<GazetteSettingsView> {
  const office = await findAgency(ctx.db, input.officeAgencyId);
  if (office?.status !== 'active' || office.kind === 'division')
    throw new AppError(
      'bad_request',
      'Cơ quan Công báo phải là một cơ quan đang hoạt động (không phải phòng, ban).',
      {
        fields: [{ path: 'body.officeAgencyId', message: 'Cơ quan không tồn tại hoặc không còn hoạt động.' }],
      },
    );
  await inTx(ctx, async (tx) => {
    await tx.db
      .insert(gazetteSettings)
      .values({ id: 1, officeAgencyId: office.id, title: input.title })
      .onConflictDoUpdate({
        target: gazetteSettings.id,
        set: { officeAgencyId: office.id, title: input.title, updatedAt: tx.now() },
      });
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.settings',
      entityType: 'gazette_settings',
      entityId: '1',
      detail: { officeAgencyId: office.id, officeName: office.name, title: input.title },
    });
  });
  return settingsView(ctx);
}

/** Notices to the clerks of the agencies that submitted these items. */
export async function tellSubmitters(
  db: Db,
  items: Pick<ItemRow, 'submittedByAgencyId' | 'numberNotation'>[],
  title: (numberNotation: string) => string,
  body?: string,
) {
  const clerks = await holdersByAgency(
    db,
    items.map((i) => i.submittedByAgencyId),
    'clerk',
  );
  await notifyMany(
    db,
    items.map((i) => ({
      personIds: clerks.get(i.submittedByAgencyId) ?? [],
      notice: { kind: 'legal.gazette', title: title(i.numberNotation), body, link: '/cong-bao' },
    })),
  );
}

const STATE_LABEL: Record<string, string> = {
  submitted: 'đang chờ tiếp nhận',
  accepted: 'đã tiếp nhận',
  placed: 'đã xếp vào số công báo',
  published: 'đã đăng Công báo',
};

/** Why this actor cannot submit this document now, or null when they can. */
async function refusal(
  ctx: Ctx,
  doc: typeof legalDocuments.$inferSelect,
): Promise<{ code: 'forbidden' | 'bad_request' | 'conflict'; detail: string } | null> {
  const a = ctx.actor;
  if (!a.role || !roleAllows(a.role, 'gazette.submit'))
    return { code: 'forbidden', detail: 'Bạn không có quyền gửi đăng Công báo.' };
  if (doc.origin !== 'local')
    return {
      code: 'bad_request',
      detail:
        'Văn bản của cơ quan trung ương không đăng trên Công báo tỉnh; chỉ văn bản của HĐND, UBND, Chủ tịch UBND tỉnh được gửi đăng.',
    };
  if (doc.agencyId !== a.agencyId)
    return {
      code: 'forbidden',
      detail: 'Chỉ cơ quan ban hành (cơ quan giữ hồ sơ văn bản) mới được gửi đăng văn bản này.',
    };
  if (doc.issuedDate > vnDate(ctx.now()))
    return { code: 'bad_request', detail: 'Văn bản chưa được ký ban hành (ngày ban hành sau hôm nay).' };
  const pdf = (await pdfFilesOf(ctx.db, [doc.id])).get(doc.id);
  if (!pdf)
    return {
      code: 'bad_request',
      detail: 'Văn bản chưa có tệp PDF đã ký; hãy đính kèm tệp PDF trước khi gửi đăng Công báo.',
    };
  const [open] = await ctx.db
    .select({ state: gazetteItems.state })
    .from(gazetteItems)
    .where(and(eq(gazetteItems.legalDocumentId, doc.id), ne(gazetteItems.state, 'returned')));
  if (open)
    return {
      code: 'conflict',
      detail: `Văn bản này đã được gửi đăng Công báo (${STATE_LABEL[open.state] ?? open.state}).`,
    };
  if (!(await loadSettings(ctx.db)))
    return { code: 'conflict', detail: 'Chưa thiết lập cơ quan Công báo; hãy liên hệ quản trị hệ thống.' };
  return null;
}

async function loadDocument(db: Db, id: string) {
  const [doc] = await db.select().from(legalDocuments).where(eq(legalDocuments.id, id));
  if (!doc) throw new AppError('not_found', 'Văn bản quy phạm pháp luật không tồn tại.');
  return doc;
}

export async function submit(ctx: Ctx, legalDocumentId: string): Promise<GazetteItemView> {
  const doc = await loadDocument(ctx.db, legalDocumentId);
  const no = await refusal(ctx, doc);
  if (no) throw new AppError(no.code, no.detail);
  const id = await inTx(ctx, async (tx) => {
    const [made] = await tx.db
      .insert(gazetteItems)
      .values({
        legalDocumentId: doc.id,
        submittedByAgencyId: doc.agencyId,
        submittedBy: tx.actor.personId,
        submittedAt: tx.now(),
        state: 'submitted',
      })
      .onConflictDoNothing()
      .returning({ id: gazetteItems.id });
    if (!made) throw new AppError('conflict', 'Văn bản này đã được gửi đăng Công báo.');
    await audit(tx.db, tx.actor, {
      action: 'legal.gazette.submit',
      entityType: 'gazette_item',
      entityId: made.id,
      detail: { legalDocumentId: doc.id, numberNotation: doc.numberNotation },
    });
    return made.id;
  });
  return (await presentItems(ctx, [await loadItem(ctx.db, id)]))[0]!;
}

/** Moves an item from one of `from` to the next state in one guarded UPDATE; 409 when it moved on. */
async function move(
  ctx: Ctx,
  id: string,
  from: string[],
  set: Partial<typeof gazetteItems.$inferInsert>,
  refused: string,
  action: string,
  detail: Record<string, unknown> = {},
): Promise<ItemRow> {
  await assertEditor(ctx);
  const item = await loadItem(ctx.db, id);
  await inTx(ctx, async (tx) => {
    const changed = await tx.db
      .update(gazetteItems)
      .set({ ...set, updatedAt: tx.now() })
      .where(and(eq(gazetteItems.id, id), inArray(gazetteItems.state, from)))
      .returning({ id: gazetteItems.id });
    if (changed.length === 0) throw new AppError('conflict', refused);
    await audit(tx.db, tx.actor, {
      action,
      entityType: 'gazette_item',
      entityId: id,
      detail: { legalDocumentId: item.legalDocumentId, numberNotation: item.numberNotation, ...detail },
    });
    if (action === 'legal.gazette.accept')
      await tellSubmitters(tx.db, [item], (n) => `Văn bản ${n} đã được tiếp nhận để đăng Công báo`);
    else
      await tellSubmitters(
        tx.db,
        [item],
        (n) => `Văn bản ${n} bị trả lại, không đăng Công báo`,
        `Lý do: ${String(detail.reason)}`,
      );
  });
  return loadItem(ctx.db, id);
}

export async function accept(ctx: Ctx, id: string): Promise<GazetteItemView> {
  const row = await move(
    ctx,
    id,
    ['submitted'],
    { state: 'accepted', receivedAt: ctx.now() },
    'Chỉ văn bản đang chờ tiếp nhận mới được tiếp nhận.',
    'legal.gazette.accept',
  );
  return (await presentItems(ctx, [row]))[0]!;
}

export async function returnItem(ctx: Ctx, id: string, reason: string): Promise<GazetteItemView> {
  const row = await move(
    ctx,
    id,
    ['submitted', 'accepted'],
    { state: 'returned', returnReason: reason, issueId: null, position: null },
    'Chỉ văn bản chưa xếp vào số công báo mới được trả lại; hãy gỡ văn bản khỏi số công báo trước.',
    'legal.gazette.return',
    { reason },
  );
  return (await presentItems(ctx, [row]))[0]!;
}

/** Where a document stands with the gazette, and whether this actor may submit it now. */
export async function documentStatus(ctx: Ctx, legalDocumentId: string): Promise<DocumentGazetteView> {
  const doc = await loadDocument(ctx.db, legalDocumentId);
  const [row] = await findItems(
    ctx.db,
    eq(gazetteItems.legalDocumentId, doc.id),
    [desc(gazetteItems.createdAt)],
    1,
  );
  const item = row ? (await presentItems(ctx, [row]))[0]! : null;
  const no = await refusal(ctx, doc);
  return { item, canSubmit: !no, reason: no?.detail ?? null };
}

export async function overview(ctx: Ctx, year?: number): Promise<GazetteOverview> {
  const settings = await settingsView(ctx);
  const s = await loadSettings(ctx.db);
  const editor = isEditor(ctx, s);
  const y = year ?? vnYear(ctx.now());
  const mineRows = ctx.actor.agencyId
    ? await findItems(
        ctx.db,
        eq(gazetteItems.submittedByAgencyId, ctx.actor.agencyId),
        [desc(gazetteItems.submittedAt)],
        50,
      )
    : [];
  const open = editor
    ? await findItems(
        ctx.db,
        or(
          inArray(gazetteItems.state, ['submitted', 'accepted', 'placed']),
          and(eq(gazetteItems.state, 'published'), eq(gazetteIssues.year, y)),
        ),
        [asc(gazetteItems.submittedAt)],
      )
    : [];
  const openViews = await presentItems(ctx, open);
  return {
    settings,
    waiting: openViews.filter((i) => i.state === 'submitted'),
    accepted: openViews.filter((i) => i.state === 'accepted'),
    late: openViews.filter((i) => i.lateSubmission || i.latePublication),
    mine: await presentItems(ctx, mineRows),
    issues: await issueSummaries(
      ctx.db,
      editor
        ? eq(gazetteIssues.year, y)
        : and(eq(gazetteIssues.year, y), eq(gazetteIssues.state, 'published')),
    ),
    year: y,
  };
}
