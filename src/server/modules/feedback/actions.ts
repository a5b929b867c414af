import { and, eq, sql } from 'drizzle-orm';
import { formatViDate, vnDate } from '../../../shared/calendar/index.ts';
import {
  addLimit,
  type ClassifiedKind,
  classifyLimit,
  extendLimit,
  extensionRule,
  KIND_LABELS,
  limitText,
  settleLimit,
} from '../../../shared/feedback/rules.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { findAgency } from '../agencies/index.ts';
import { findDocuments } from '../documents/index.ts';
import { queueOutsideMail } from '../mail/index.ts';
import { notify } from '../notifications/index.ts';
import { staffOf } from '../people/index.ts';
import { assertMaySettle, isDenunciation, loadItem } from './access.ts';
import { readIdentity, stripIdentity } from './identity.ts';
import { type FeedbackItemRow, feedbackCalendar } from './intake.ts';
import { feedbackCaseMembers, feedbackEvents, feedbackFiles, feedbackItems } from './schema.ts';

/*
 * What staff do with an item, each in one transaction with its history row and its audit row:
 * classify, forward, refuse, link as a duplicate (the receiving agency, while it waits to be
 * classified), name the settlers and verifiers (the head of the agency), accept, extend, settle
 * (the settlers), publish the answer to a feedback on a regulation (with the sender's consent).
 * The sender is told by mail at each step that concerns them — except a denouncer: their address
 * would sit in plain text in the mail queue, so a denouncer follows the case with the tracking code.
 */

export interface FeedbackKeys {
  identityKey: Buffer;
}

type Step = (tx: Ctx, item: FeedbackItemRow) => Promise<{ event: EventInput; mail?: MailInput } | undefined>;

interface EventInput {
  kind: string;
  note?: string | null;
  publicNote?: string | null;
  detail?: Record<string, unknown>;
}

interface MailInput {
  subject: string;
  body: string;
}

const dayText = (d: Date) => formatViDate(vnDate(d));

async function act(ctx: Ctx, keys: FeedbackKeys, id: string, action: string, step: Step): Promise<void> {
  await inTx(ctx, async (tx) => {
    const item = await loadItem(tx.db, tx.actor, id, true);
    const out = await step(tx, item);
    if (!out) return;
    const [after] = await tx.db.select().from(feedbackItems).where(eq(feedbackItems.id, id));
    await tx.db.insert(feedbackEvents).values({
      itemId: id,
      at: tx.now(),
      kind: out.event.kind,
      actorId: tx.actor.personId,
      agencyId: tx.actor.agencyId,
      note: out.event.note ?? null,
      publicNote: out.event.publicNote ?? null,
      detail: out.event.detail ?? {},
    });
    await audit(tx.db, tx.actor, {
      action: `feedback.${action}`,
      entityType: 'feedback_item',
      entityId: id,
      // Never the sender's details: the code, the kind and what changed.
      detail: { code: item.code, kind: after?.kind ?? item.kind, status: after?.status ?? item.status },
    });
    if (out.mail && after && !isDenunciation(after)) {
      const who = await readIdentity(tx.db, keys.identityKey, id);
      if (who?.email)
        await queueOutsideMail(tx.db, {
          agencyId: after.agencyId,
          toAddress: who.email,
          toName: who.name,
          subject: `${out.mail.subject} — ${item.code}`,
          bodyText: `${out.mail.body}\n\nMã đơn thư: ${item.code}. Tra cứu tiến độ: /cong-khai/phan-anh/tra-cuu`,
          sourceKey: `feedback:${id}:${action}:${after.updatedAt.toISOString()}`,
        });
    }
  });
}

function needStatus(item: FeedbackItemRow, statuses: FeedbackItemRow['status'][], what: string) {
  if (!statuses.includes(item.status))
    throw new AppError('conflict', `Đơn thư đang ở trạng thái không thể ${what}.`);
}

function needHolder(ctx: Ctx, item: FeedbackItemRow) {
  if (ctx.actor.agencyId !== item.agencyId)
    throw new AppError('forbidden', 'Đơn thư đã chuyển cho cơ quan khác, cơ quan bạn không xử lý nữa.');
}

async function touch(tx: Ctx, id: string, set: Partial<typeof feedbackItems.$inferInsert>) {
  await tx.db
    .update(feedbackItems)
    .set({ ...set, updatedAt: tx.now() })
    .where(eq(feedbackItems.id, id));
}

/** The agency's outgoing document, checked inside the action's transaction. */
async function ownOutgoing(tx: Ctx, documentId: string | undefined, path: string): Promise<string | null> {
  if (!documentId) return null;
  const doc = (await findDocuments(tx.db, [documentId])).get(documentId);
  if (!doc || doc.agencyId !== tx.actor.agencyId || doc.direction !== 'outgoing')
    throw new AppError('validation_failed', 'Không có văn bản đi này trong cơ quan.', {
      fields: [{ path, message: 'Không có văn bản đi này trong cơ quan.' }],
    });
  return documentId;
}

export async function classifyItem(
  ctx: Ctx,
  keys: FeedbackKeys,
  id: string,
  input: { kind: ClassifiedKind; field?: string | null; remote?: boolean },
) {
  await act(ctx, keys, id, 'classify', async (tx, item) => {
    needHolder(tx, item);
    needStatus(item, ['received'], 'phân loại');
    const set: Partial<typeof feedbackItems.$inferInsert> = {
      kind: input.kind,
      classifyDueAt: addLimit(feedbackCalendar(), item.receivedAt, classifyLimit(input.kind)),
    };
    if (input.field !== undefined) set.field = input.field || null;
    if (input.remote !== undefined) set.remote = input.remote;
    // Classified as a denunciation after it came in as something else: strip the stored text now.
    if (input.kind === 'denunciation' && item.declaredKind !== 'denunciation') {
      const who = await readIdentity(tx.db, keys.identityKey, id);
      if (who) {
        set.content = stripIdentity(who.originalContent ?? item.content, who);
        set.subject = stripIdentity(item.subject, who);
      }
      // Its letter and attachments may show who wrote them: withheld from all but the settlers.
      await tx.db.update(feedbackFiles).set({ identifying: true }).where(eq(feedbackFiles.itemId, id));
    }
    await touch(tx, id, set);
    return {
      event: {
        kind: 'classified',
        note: `Phân loại: ${KIND_LABELS[input.kind]}.`,
        publicNote: `Đơn thư được phân loại: ${KIND_LABELS[input.kind]}.`,
        detail: { kind: input.kind },
      },
    };
  });
}

export async function forwardItem(
  ctx: Ctx,
  keys: FeedbackKeys,
  id: string,
  input: { agencyId: string; reason: string },
) {
  await act(ctx, keys, id, 'forward', async (tx, item) => {
    needHolder(tx, item);
    needStatus(item, ['received'], 'chuyển đi');
    if (input.agencyId === item.agencyId)
      throw new AppError('validation_failed', 'Không thể chuyển đơn thư cho chính cơ quan đang xử lý.', {
        fields: [{ path: 'body.agencyId', message: 'Chọn một cơ quan khác.' }],
      });
    if (item.forwardPath.includes(input.agencyId))
      throw new AppError(
        'conflict',
        'Đơn thư này đã được cơ quan đó chuyển đến; không chuyển ngược lại. Nếu không thuộc thẩm quyền, hãy trả lời người gửi.',
      );
    const target = await findAgency(tx.db, input.agencyId);
    if (target?.status !== 'active' || target.kind === 'division')
      throw new AppError('validation_failed', 'Không có cơ quan nhận này.', {
        fields: [{ path: 'body.agencyId', message: 'Không có cơ quan nhận này.' }],
      });
    const late = tx.now() > item.classifyDueAt;
    await touch(tx, id, {
      agencyId: input.agencyId,
      forwardPath: [...item.forwardPath, item.agencyId],
      classifyDueAt: addLimit(feedbackCalendar(), tx.now(), classifyLimit(item.kind)),
    });
    const clerks = await staffOf(tx.db, input.agencyId, ['clerk', 'agency_leader']);
    await notify(
      tx.db,
      clerks.map((p) => p.id),
      {
        kind: 'feedback.forwarded',
        title: `Đơn thư ${item.code} được chuyển đến`,
        body: isDenunciation(item) ? 'Đơn tố cáo (thông tin người tố cáo được giữ bí mật).' : item.subject,
        link: `/phan-anh/${id}`,
      },
    );
    const where = `Đơn thư đã được chuyển đến ${target.name} để xem xét, giải quyết theo thẩm quyền.`;
    return {
      event: {
        kind: 'forwarded',
        note: `${input.reason}${late ? ' (chuyển sau thời hạn)' : ''}`,
        publicNote: where,
        detail: { to: input.agencyId, toName: target.name, late },
      },
      mail: { subject: 'Đơn thư của Ông/Bà đã được chuyển', body: where },
    };
  });
}

export async function refuseItem(ctx: Ctx, keys: FeedbackKeys, id: string, input: { reason: string }) {
  await act(ctx, keys, id, 'refuse', async (tx, item) => {
    needHolder(tx, item);
    needStatus(item, ['received'], 'trả lại, không thụ lý');
    await touch(tx, id, { status: 'refused', result: input.reason, settledAt: tx.now() });
    const text = `Đơn thư không được thụ lý. Lý do: ${input.reason}`;
    return {
      event: { kind: 'refused', note: input.reason, publicNote: text },
      mail: { subject: 'Thông báo không thụ lý đơn thư', body: text },
    };
  });
}

export async function markDuplicate(ctx: Ctx, keys: FeedbackKeys, id: string, input: { ofCode: string }) {
  await act(ctx, keys, id, 'duplicate', async (tx, item) => {
    needHolder(tx, item);
    needStatus(item, ['received'], 'gộp vào đơn thư trùng');
    const [original] = await tx.db
      .select()
      .from(feedbackItems)
      .where(
        and(
          eq(feedbackItems.code, input.ofCode.trim().toUpperCase()),
          sql`(${feedbackItems.agencyId} = ${item.agencyId} OR ${feedbackItems.receivedAgencyId} = ${item.agencyId})`,
        ),
      );
    if (!original || original.id === id)
      throw new AppError('validation_failed', 'Không có đơn thư trước đó với mã này trong cơ quan.', {
        fields: [{ path: 'body.ofCode', message: 'Không có đơn thư trước đó với mã này.' }],
      });
    if (original.status === 'duplicate')
      throw new AppError('conflict', `Đơn thư ${original.code} cũng là đơn trùng; hãy gộp vào đơn thư gốc.`);
    await touch(tx, id, { status: 'duplicate', duplicateOfId: original.id, settledAt: tx.now() });
    const text = `Nội dung trùng với đơn thư ${original.code} đã tiếp nhận; được xem xét cùng đơn thư đó.`;
    return {
      event: { kind: 'duplicate', note: text, publicNote: text, detail: { of: original.id } },
      mail: { subject: 'Đơn thư trùng nội dung', body: text },
    };
  });
}

export async function assignCase(
  ctx: Ctx,
  keys: FeedbackKeys,
  id: string,
  input: { settlers: string[]; verifiers: string[] },
) {
  await act(ctx, keys, id, 'assign', async (tx, item) => {
    needHolder(tx, item);
    needStatus(item, ['received', 'accepted'], 'giao người giải quyết');
    if (input.settlers.length === 0)
      throw new AppError('validation_failed', 'Chọn ít nhất một người giải quyết.', {
        fields: [{ path: 'body.settlers', message: 'Chọn ít nhất một người giải quyết.' }],
      });
    const both = input.settlers.filter((p) => input.verifiers.includes(p));
    if (both.length)
      throw new AppError('validation_failed', 'Một người không thể vừa giải quyết vừa xác minh.', {
        fields: [{ path: 'body.verifiers', message: 'Một người không thể vừa giải quyết vừa xác minh.' }],
      });
    const staff = new Set(
      (await staffOf(tx.db, item.agencyId, ['clerk', 'officer', 'division_head', 'agency_leader'])).map(
        (p) => p.id,
      ),
    );
    const strangers = [...input.settlers, ...input.verifiers].filter((p) => !staff.has(p));
    if (strangers.length)
      throw new AppError('validation_failed', 'Chỉ giao cho người của cơ quan đang giải quyết.', {
        fields: [{ path: 'body.settlers', message: 'Chỉ giao cho người của cơ quan.' }],
      });
    await tx.db.delete(feedbackCaseMembers).where(eq(feedbackCaseMembers.itemId, id));
    await tx.db.insert(feedbackCaseMembers).values([
      ...input.settlers.map((personId) => ({
        itemId: id,
        personId,
        role: 'settler',
        assignedBy: tx.actor.personId,
      })),
      ...input.verifiers.map((personId) => ({
        itemId: id,
        personId,
        role: 'verifier',
        assignedBy: tx.actor.personId,
      })),
    ]);
    await touch(tx, id, {});
    await notify(tx.db, [...input.settlers, ...input.verifiers], {
      kind: 'feedback.assigned',
      title: `Được giao đơn thư ${item.code}`,
      body: `${KIND_LABELS[item.kind]}`,
      link: `/phan-anh/${id}`,
    });
    return {
      event: {
        kind: 'assigned',
        note: `Giao ${input.settlers.length} người giải quyết, ${input.verifiers.length} người xác minh.`,
        detail: { settlers: input.settlers, verifiers: input.verifiers },
      },
    };
  });
}

export async function acceptItem(ctx: Ctx, keys: FeedbackKeys, id: string, input: { documentId?: string }) {
  await act(ctx, keys, id, 'accept', async (tx, item) => {
    needStatus(item, ['received'], 'thụ lý');
    await assertMaySettle(tx.db, item, tx.actor);
    if (item.kind === 'unclassified' || item.kind === 'out_of_scope')
      throw new AppError('conflict', 'Hãy phân loại đơn thư (thuộc phạm vi xử lý) trước khi thụ lý.');
    const limit = settleLimit(item);
    const due = addLimit(feedbackCalendar(), tx.now(), limit);
    await touch(tx, id, {
      status: 'accepted',
      acceptedAt: tx.now(),
      settleDueAt: due,
      acceptanceDocumentId: await ownOutgoing(tx, input.documentId, 'body.documentId'),
    });
    const text = `Đơn thư đã được thụ lý giải quyết. Thời hạn giải quyết: ${limitText(limit)}, đến ngày ${dayText(due)}.`;
    return {
      event: { kind: 'accepted', publicNote: text, detail: { dueAt: due.toISOString() } },
      mail: { subject: 'Thông báo thụ lý đơn thư', body: text },
    };
  });
}

export async function extendItem(ctx: Ctx, keys: FeedbackKeys, id: string, input: { reason: string }) {
  await act(ctx, keys, id, 'extend', async (tx, item) => {
    needStatus(item, ['accepted'], 'gia hạn');
    await assertMaySettle(tx.db, item, tx.actor);
    const rule = extensionRule(item);
    if (item.extensions >= rule.max)
      throw new AppError(
        'conflict',
        rule.max === 1
          ? 'Thời hạn giải quyết đã được gia hạn một lần; pháp luật không cho gia hạn thêm.'
          : `Thời hạn giải quyết đã được gia hạn ${rule.max} lần; pháp luật không cho gia hạn thêm.`,
      );
    if (!item.settleDueAt) throw new AppError('conflict', 'Đơn thư chưa có thời hạn giải quyết.');
    const due = extendLimit(feedbackCalendar(), item.settleDueAt, rule.adds);
    await touch(tx, id, { settleDueAt: due, extensions: item.extensions + 1 });
    const text = `Gia hạn giải quyết lần ${item.extensions + 1} thêm ${limitText(rule.adds)}, đến ngày ${dayText(due)}.`;
    return {
      event: { kind: 'extended', note: input.reason, publicNote: text, detail: { dueAt: due.toISOString() } },
      mail: { subject: 'Thông báo gia hạn giải quyết', body: `${text}\nLý do: ${input.reason}` },
    };
  });
}

export async function settleItem(
  ctx: Ctx,
  keys: FeedbackKeys,
  id: string,
  input: { result: string; documentId?: string },
) {
  await act(ctx, keys, id, 'settle', async (tx, item) => {
    needStatus(item, ['accepted'], 'ghi kết quả giải quyết');
    await assertMaySettle(tx.db, item, tx.actor);
    await touch(tx, id, {
      status: 'settled',
      settledAt: tx.now(),
      result: input.result,
      decisionDocumentId: await ownOutgoing(tx, input.documentId, 'body.documentId'),
    });
    return {
      event: { kind: 'settled', publicNote: `Kết quả giải quyết: ${input.result}` },
      mail: { subject: 'Kết quả giải quyết đơn thư', body: input.result },
    };
  });
}

export async function publishAnswer(
  ctx: Ctx,
  keys: FeedbackKeys,
  id: string,
  input: { question: string; answer: string },
) {
  await act(ctx, keys, id, 'publish', async (tx, item) => {
    needHolder(tx, item);
    if (item.kind !== 'regulation' && item.kind !== 'proposal')
      throw new AppError(
        'conflict',
        'Chỉ công khai phản ánh, kiến nghị và câu trả lời; không công khai khiếu nại, tố cáo.',
      );
    needStatus(item, ['settled'], 'công khai');
    if (!item.publishConsent)
      throw new AppError('conflict', 'Người gửi không đồng ý công khai nội dung này.');
    // A safety net behind the editor: whatever of the sender's details is left in the text goes.
    const who = await readIdentity(tx.db, keys.identityKey, id);
    const clean = (s: string) => (who ? stripIdentity(s, who) : s);
    await touch(tx, id, {
      publicQuestion: clean(input.question),
      publicAnswer: clean(input.answer),
      publishedAt: tx.now(),
    });
    return { event: { kind: 'published', publicNote: 'Câu hỏi và trả lời đã được đăng công khai.' } };
  });
}

/** A settled first-instance complaint taken to the next level up (Luật Khiếu nại 2011 Đ.7, Đ.37). */
export async function secondInstanceTarget(db: Db, item: FeedbackItemRow): Promise<string> {
  if (item.kind !== 'complaint' || item.instance !== 1 || item.status !== 'settled')
    throw new AppError('conflict', 'Chỉ khiếu nại lần đầu đã có kết quả mới được khiếu nại lần hai.');
  const agency = await findAgency(db, item.agencyId);
  if (!agency?.parentId) throw notFound('Cơ quan cấp trên');
  return agency.parentId;
}

/** The people named on the case, for the item's page. */
export async function caseMembers(db: Db, itemId: string) {
  return db
    .select({ personId: feedbackCaseMembers.personId, role: feedbackCaseMembers.role })
    .from(feedbackCaseMembers)
    .where(eq(feedbackCaseMembers.itemId, itemId));
}
