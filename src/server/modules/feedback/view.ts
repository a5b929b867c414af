import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { ItemAction, ItemView, RegisterQuery, RegisterRow } from '../../../shared/feedback/api.ts';
import { DUE_SOON_DAYS, extensionRule, type FeedbackStatus } from '../../../shared/feedback/rules.ts';
import { type Db, rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { decodeKeyset, encodeCursor } from '../../platform/http/pagination.ts';
import { findAgencies } from '../agencies/index.ts';
import { personNames } from '../people/index.ts';
import { type CaseRole, caseRoleOf, hasSettlers, isDenunciation, mayOpenIdentity } from './access.ts';
import { openIdentity } from './identity.ts';
import type { FeedbackItemRow } from './intake.ts';
import { feedbackCaseMembers, feedbackEvents, feedbackFiles, feedbackItems } from './schema.ts';

/*
 * What staff read: the agency's register (sổ tiếp nhận, xử lý đơn thư) — the items it received and
 * those forwarded to it, newest first, keyset-paginated — and one item with what the reader may do.
 */

/** The words of a query as a prefix tsquery over the normalisation the index uses (no diacritics). */
export function tsQuery(q: string | undefined): SQL | null {
  const words = (q ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12);
  if (words.length === 0) return null;
  return sql`to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`;
}

interface RegisterDbRow {
  id: string;
  code: string;
  received_at: Date | string;
  channel: string;
  kind: RegisterRow['kind'];
  declared_kind: string;
  status: FeedbackStatus;
  subject: string;
  field: string | null;
  agency_id: string;
  classify_due_at: Date | string;
  settle_due_at: Date | string | null;
  settled_at: Date | string | null;
  result: string | null;
  sealed: string | null;
}

/** How many of the agency's newest items a word search filters before it uses the full-text index. */
const SEARCH_WINDOW = 2000;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** The filters of the register as SQL conditions (no alias: used in both halves of the union). */
function filters(q: RegisterQuery, now: Date): SQL[] {
  const out: SQL[] = [];
  if (q.kind) out.push(sql`kind = ${q.kind}`);
  if (q.channel) out.push(sql`channel = ${q.channel}`);
  if (q.status === 'open') out.push(sql`status IN ('received', 'accepted')`);
  else if (q.status) out.push(sql`status = ${q.status}`);
  const due = sql`(CASE WHEN status = 'received' THEN classify_due_at WHEN status = 'accepted' THEN settle_due_at END)`;
  if (q.due === 'overdue') out.push(sql`status IN ('received', 'accepted') AND ${due} < ${now}`);
  if (q.due === 'soon')
    out.push(
      sql`status IN ('received', 'accepted') AND ${due} >= ${now} AND ${due} < ${new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000)}`,
    );
  if (q.from) out.push(sql`received_at >= (${q.from}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`);
  if (q.to) out.push(sql`received_at < ((${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`);
  const ts = tsQuery(q.q);
  if (ts) out.push(sql`search_vector @@ ${ts}`);
  return out;
}

export async function listRegister(
  db: Db,
  agencyId: string,
  identityKey: Buffer,
  q: RegisterQuery,
  now: Date,
): Promise<{ items: RegisterRow[]; nextCursor: string | null }> {
  const after = decodeKeyset(q.cursor, { instant: true });
  const conds = filters(q, now);
  if (after) conds.push(sql`(received_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const where = (own: SQL) => sql.join([own, ...conds], sql` AND `);
  const cols = sql`id, code, received_at, channel, kind, declared_kind, status, subject, field, agency_id,
    classify_due_at, settle_due_at, settled_at, result`;
  const n = q.limit + 1;
  const keyset = after ? sql`(received_at, id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql`true`;
  // Two index walks (received here / held here), each limited, merged: an OR would sort every match.
  // `from` is the table, or (for a word search) a window of the agency's newest items in index order.
  const read = (from: (own: SQL) => SQL) =>
    rows<RegisterDbRow>(
      db,
      sql`SELECT x.*, i.sealed FROM (
            (SELECT ${cols} FROM ${from(sql`received_agency_id = ${agencyId}`)} WHERE ${where(sql`received_agency_id = ${agencyId}`)}
              ORDER BY received_at DESC, id DESC LIMIT ${n})
            UNION
            (SELECT ${cols} FROM ${from(sql`agency_id = ${agencyId}`)} WHERE ${where(sql`agency_id = ${agencyId}`)}
              ORDER BY received_at DESC, id DESC LIMIT ${n})
          ) x LEFT JOIN feedback_identities i ON i.item_id = x.id
          ORDER BY x.received_at DESC, x.id DESC LIMIT ${n}`,
    );
  const table = () => sql`feedback_items`;
  let found: RegisterDbRow[] | null = null;
  if (tsQuery(q.q)) {
    // Words common in the register fool the planner into reading and sorting every match through the
    // full-text index (bench/README.md, feedback). Most searches are answered by the newest items:
    // filter a window of them first (OFFSET 0 keeps it a window), and only when it does not fill the
    // page, search the whole register through the index.
    const windowed = (own: SQL) =>
      sql`(SELECT * FROM feedback_items WHERE ${own} AND ${keyset}
            ORDER BY received_at DESC, id DESC LIMIT ${SEARCH_WINDOW} OFFSET 0) w`;
    const first = await read(windowed);
    if (first.length === n) found = first;
  }
  found ??= await read(table);
  const page = found.slice(0, q.limit);
  const names = await findAgencies(
    db,
    page.map((r) => r.agency_id),
  );
  const items = page.map((r): RegisterRow => {
    const status: FeedbackStatus = r.agency_id !== agencyId ? 'forwarded' : r.status;
    const due =
      r.agency_id !== agencyId
        ? null
        : r.status === 'received'
          ? iso(r.classify_due_at)
          : r.status === 'accepted'
            ? iso(r.settle_due_at)
            : null;
    const sealed = isDenunciation({
      kind: r.kind,
      declaredKind: r.declared_kind as FeedbackItemRow['declaredKind'],
    });
    return {
      id: r.id,
      code: r.code,
      receivedAt: iso(r.received_at) ?? '',
      channel: r.channel,
      kind: r.kind,
      declaredKind: r.declared_kind,
      status,
      subject: r.subject,
      field: r.field,
      senderName: sealed || !r.sealed ? null : openIdentity(identityKey, r.sealed).name,
      holderName: names.get(r.agency_id)?.name ?? '',
      dueAt: due,
      overdue: !!due && new Date(due) < now,
      settledAt: iso(r.settled_at),
      result: r.result,
    };
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: found.length > q.limit && last ? encodeCursor([iso(last.received_at), last.id]) : null,
  };
}

export async function itemView(db: Db, item: FeedbackItemRow, actor: Actor, now: Date): Promise<ItemView> {
  const [myRole, members, files, events, agencies, settlersNamed] = await Promise.all([
    caseRoleOf(db, item.id, actor.personId),
    db
      .select({ personId: feedbackCaseMembers.personId, role: feedbackCaseMembers.role })
      .from(feedbackCaseMembers)
      .where(eq(feedbackCaseMembers.itemId, item.id)),
    db
      .select()
      .from(feedbackFiles)
      .where(eq(feedbackFiles.itemId, item.id))
      .orderBy(asc(feedbackFiles.createdAt)),
    db
      .select()
      .from(feedbackEvents)
      .where(eq(feedbackEvents.itemId, item.id))
      .orderBy(asc(feedbackEvents.id)),
    findAgencies(db, [item.agencyId, item.receivedAgencyId]),
    hasSettlers(db, item.id),
  ]);
  const names = await personNames(db, [
    ...members.map((m) => m.personId),
    ...events.map((e) => e.actorId).filter((x): x is string => !!x),
  ]);
  const [dup] = item.duplicateOfId
    ? await db
        .select({ code: feedbackItems.code })
        .from(feedbackItems)
        .where(inArray(feedbackItems.id, [item.duplicateOfId]))
    : [];
  const seeIdentity = mayOpenIdentity(item, actor, myRole);
  const sealedFiles = isDenunciation(item) && myRole !== 'settler';
  const holder = actor.agencyId === item.agencyId;
  const status: FeedbackStatus = holder ? item.status : 'forwarded';
  const rule = extensionRule(item);
  return {
    id: item.id,
    code: item.code,
    kind: item.kind as ItemView['kind'],
    declaredKind: item.declaredKind,
    status,
    channel: item.channel,
    senderKind: item.senderKind,
    subject: item.subject,
    content: item.content,
    field: item.field,
    remote: item.remote,
    instance: item.instance,
    receivedAt: item.receivedAt.toISOString(),
    classifyDueAt: item.classifyDueAt.toISOString(),
    acceptedAt: iso(item.acceptedAt),
    settleDueAt: iso(item.settleDueAt),
    extensions: item.extensions,
    maxExtensions: rule.max,
    settledAt: iso(item.settledAt),
    result: item.result,
    holderAgencyId: item.agencyId,
    holderName: agencies.get(item.agencyId)?.name ?? '',
    receivedAgencyName: agencies.get(item.receivedAgencyId)?.name ?? '',
    duplicateOfCode: dup?.code ?? null,
    publishConsent: item.publishConsent,
    publicQuestion: item.publicQuestion,
    publicAnswer: item.publicAnswer,
    publishedAt: iso(item.publishedAt),
    satisfaction: item.satisfaction,
    identitySealed: !seeIdentity,
    myCaseRole: myRole,
    members: members.map((m) => ({
      personId: m.personId,
      name: names.get(m.personId) ?? '',
      role: m.role as CaseRole,
    })),
    files: files.map((f) => ({
      id: f.id,
      fileName: f.identifying && sealedFiles ? 'Tệp có thông tin người tố cáo (giữ bí mật)' : f.fileName,
      mediaType: f.mediaType,
      size: f.size,
      identifying: f.identifying,
      available: !(f.identifying && sealedFiles),
    })),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
      note: e.note,
      publicNote: e.publicNote,
    })),
    actions: holder ? actionsFor(item, actor, myRole, settlersNamed, now) : [],
  };
}

function actionsFor(
  item: FeedbackItemRow,
  actor: Actor,
  myRole: CaseRole | null,
  settlersNamed: boolean,
  _now: Date,
): ItemAction[] {
  const role = actor.role;
  if (!role) return [];
  const out: ItemAction[] = [];
  const receives = roleAllows(role, 'feedback.receive');
  const mayFrontDesk = myRole === 'settler' || (!isDenunciation(item) && !settlersNamed && receives);
  const settles =
    myRole === 'settler' ||
    (!isDenunciation(item) && !settlersNamed && ['clerk', 'agency_leader', 'division_head'].includes(role));
  if (item.status === 'received') {
    if (receives) out.push('classify', 'forward', 'refuse', 'duplicate');
    if (settles && item.kind !== 'unclassified' && item.kind !== 'out_of_scope') out.push('accept');
  }
  if ((item.status === 'received' || item.status === 'accepted') && roleAllows(role, 'feedback.assign'))
    out.push('assign');
  if (item.status === 'accepted' && settles) {
    if (item.extensions < extensionRule(item).max) out.push('extend');
    out.push('settle');
  }
  if (
    item.status === 'settled' &&
    item.publishConsent &&
    !item.publishedAt &&
    (item.kind === 'regulation' || item.kind === 'proposal') &&
    (mayFrontDesk || settles)
  )
    out.push('publish');
  return out;
}

/** A file of the item for this reader: withheld when it shows a denouncer and they are not a settler. */
export async function fileFor(db: Db, item: FeedbackItemRow, actor: Actor, fileId: string) {
  const [f] = await db.select().from(feedbackFiles).where(eq(feedbackFiles.id, fileId));
  if (!f || f.itemId !== item.id) return null;
  if (f.identifying && isDenunciation(item) && (await caseRoleOf(db, item.id, actor.personId)) !== 'settler')
    return 'sealed' as const;
  return f;
}
