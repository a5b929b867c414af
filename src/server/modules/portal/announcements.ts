import { eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ROLES } from '../../../shared/roles.ts';
import {
  ANNOUNCEMENT_NOTIFY_MAX,
  type AnnouncementAudience,
  type AnnouncementFilter,
  type AnnouncementListItem,
  type AnnouncementPage,
  type AnnouncementView,
  type announcementInput,
  type announcementUpdate,
  type ReceiptsView,
  type UnreadAnnouncementView,
} from '../../../shared/schemas/portal-announcements.ts';
import { type Db, rows } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { roleAllows } from '../../platform/access/permissions.ts';
import { audit } from '../../platform/audit/index.ts';
import { findBlobs } from '../../platform/blobs/index.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.ts';
import { agencyRowsSql, findAgencies } from '../agencies/index.ts';
import { notifyMany } from '../notifications/index.ts';
import { activePositions, personNameSql } from '../people/index.ts';
import {
  type AudienceSpec,
  membersSql,
  type ReaderReach,
  readerReach,
  visibleSql,
} from './announcements-audience.ts';
import { forgetPublicAnnouncements } from './announcements-public.ts';
import { type AttachedFile, announcementAgencies, announcements } from './schema.ts';

/*
 * Announcements (thông báo): sent by a publisher (announcements.publish) in the name of their
 * agency; read by their audience (announcements-audience.ts), pinned first then newest; each opening
 * records a read receipt; the sending agency's publishers see who has not read it yet, edit the
 * text, expiry and pin, and withdraw it. Every change writes an audit row in its transaction.
 */

type Input = z.output<typeof announcementInput>;
type Update = z.output<typeof announcementUpdate>;

const unprocessable = (detail: string, path?: string) =>
  new AppError('unprocessable', detail, path ? { fields: [{ path, message: detail }] } : {});

const NOT_FOUND = () => notFound('Thông báo');

/** A publisher of this agency (the only ones who manage its announcements). */
function publishesFor(actor: Actor, agencyId: string): boolean {
  return !!actor.role && roleAllows(actor.role, 'announcements.publish') && actor.agencyId === agencyId;
}

function checkExpiry(expiresAt: string | null | undefined, now: Date): Date | null {
  if (!expiresAt) return null;
  const at = new Date(expiresAt);
  if (at.getTime() <= now.getTime())
    throw unprocessable('Ngày hết hạn phải sau thời điểm hiện tại.', 'body.expiresAt');
  return at;
}

/** The files as stored: their blobs must exist; size and type are the blob store's, the name the sender's. */
async function checkFiles(db: Db, files: Input['files']): Promise<AttachedFile[]> {
  if (files.length === 0) return [];
  const found = new Map(
    (
      await findBlobs(
        db,
        files.map((f) => f.sha256.toLowerCase()),
      )
    ).map((b) => [b.sha256, b]),
  );
  const out: AttachedFile[] = [];
  for (const [i, f] of files.entries()) {
    const b = found.get(f.sha256.toLowerCase());
    if (!b)
      throw unprocessable(
        `Tệp đính kèm “${f.fileName}” chưa được tải lên hệ thống (không tìm thấy nội dung tệp); hãy tải lại tệp.`,
        `body.files.${i}`,
      );
    if (!out.some((x) => x.sha256 === b.sha256))
      out.push({ sha256: b.sha256, fileName: f.fileName, size: b.size, mediaType: b.mediaType });
  }
  return out;
}

/** The chosen units: each must exist and be active. */
async function checkUnits(db: Db, ids: string[]): Promise<AudienceSpec['units']> {
  const wanted = [...new Set(ids)];
  const found = await findAgencies(db, wanted);
  for (const [i, id] of wanted.entries()) {
    const a = found.get(id);
    if (a?.status !== 'active')
      throw unprocessable(
        a
          ? `Đơn vị “${a.name}” đã ngừng hoạt động; hãy chọn đơn vị khác.`
          : `Đơn vị nhận (mã ${id}) không tồn tại trong hệ thống.`,
        `body.agencyIds.${i}`,
      );
  }
  return wanted.map((id) => {
    const a = found.get(id)!;
    return { id, kind: a.kind, parentId: a.parentId };
  });
}

/** The people an announcement reaches, when they are few enough to be notified one by one. */
async function fewMembers(db: Db, spec: AudienceSpec): Promise<string[] | null> {
  const r = await rows<{ person_id: string }>(
    db,
    sql`WITH RECURSIVE ${membersSql(spec)} SELECT person_id FROM members LIMIT ${ANNOUNCEMENT_NOTIFY_MAX + 1}`,
  );
  return r.length > ANNOUNCEMENT_NOTIFY_MAX ? null : r.map((x) => x.person_id);
}

export async function createAnnouncement(ctx: Ctx, input: Input): Promise<{ id: string }> {
  const { actor } = ctx;
  if (!actor.agencyId) throw forbidden('Chỉ người giữ chức vụ trong một đơn vị mới gửi được thông báo.');
  const now = ctx.now();
  const expiresAt = checkExpiry(input.expiresAt, now);
  if (input.isPublic && input.audience !== 'all')
    throw unprocessable(
      'Chỉ thông báo gửi toàn tỉnh mới được công khai trên trang thông tin công khai.',
      'body.isPublic',
    );
  if (input.audience === 'all' && input.agencyIds.length)
    throw unprocessable('Thông báo gửi toàn tỉnh không chọn đơn vị nhận.', 'body.agencyIds');
  if (input.audience === 'agencies' && input.agencyIds.length === 0)
    throw unprocessable('Hãy chọn ít nhất một đơn vị nhận.', 'body.agencyIds');
  if (input.audience === 'roles' && input.roles.length === 0)
    throw unprocessable('Hãy chọn ít nhất một vai trò nhận.', 'body.roles');
  if (input.audience !== 'roles' && input.roles.length)
    throw unprocessable('Chỉ chọn vai trò khi gửi theo vai trò.', 'body.roles');
  const units = await checkUnits(ctx.db, input.agencyIds);
  const files = await checkFiles(ctx.db, input.files);
  const roles = input.audience === 'roles' ? [...new Set(input.roles)] : [];
  const spec: AudienceSpec = { audience: input.audience, roles, units };

  const id = await inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(announcements)
      .values({
        agencyId: actor.agencyId!,
        title: input.title,
        body: input.body,
        audience: input.audience,
        roles,
        pinned: input.pinned,
        isPublic: input.isPublic,
        files,
        publishedAt: now,
        expiresAt,
        createdById: actor.personId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: announcements.id });
    const id = row!.id;
    if (input.isPublic) await forgetPublicAnnouncements(tx.db);
    if (units.length)
      await tx.db
        .insert(announcementAgencies)
        .values(units.map((u) => ({ announcementId: id, agencyId: u.id })));
    await audit(tx.db, actor, {
      action: 'portal.announcements.publish',
      entityType: 'announcement',
      entityId: id,
      detail: {
        title: input.title,
        audience: input.audience,
        agencyIds: units.map((u) => u.id),
        roles,
        pinned: input.pinned,
        isPublic: input.isPublic,
        expiresAt: expiresAt?.toISOString() ?? null,
        files: files.map((f) => f.sha256),
      },
    });
    // The whole province is never notified one by one: everyone sees unread announcements on screen.
    if (input.audience !== 'all') {
      const people = await fewMembers(tx.db, spec);
      if (people) {
        const [ag] = await rows<{ name: string }>(
          tx.db,
          sql`SELECT name FROM ${agencyRowsSql} x WHERE x.id = ${actor.agencyId}`,
        );
        await notifyMany(tx.db, [
          {
            personIds: people.filter((p) => p !== actor.personId),
            notice: {
              kind: 'portal.announcement',
              title: `Thông báo mới: ${input.title}`,
              body: ag?.name ?? null,
              link: `/thong-bao/${id}`,
              dedupeKey: `announcement:${id}`,
            },
          },
        ]);
      }
    }
    return id;
  });
  return { id };
}

interface Row {
  id: string;
  agency_id: string;
  agency_name: string;
  title: string;
  body: string;
  audience: AnnouncementAudience;
  roles: string[];
  pinned: boolean;
  is_public: boolean;
  files: AttachedFile[];
  published_at: Date | string;
  pkey: string;
  expires_at: Date | string | null;
  status: 'published' | 'withdrawn';
  created_by_id: string | null;
  created_by_name: string | null;
  updated_at: Date | string;
  read: boolean;
  read_at: Date | string | null;
  addressed: boolean;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
const expiredSql = (now: Date) =>
  sql`(a.expires_at IS NOT NULL AND a.expires_at <= ${now.toISOString()}::timestamptz)`;

function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197).trimEnd()}…` : flat;
}

/** The reader's list: addressed to them (filters all/unread/expired) or sent by their agency (sent). */
export async function listAnnouncements(
  ctx: Ctx,
  q: { filter: AnnouncementFilter; limit: number; cursor?: string },
): Promise<AnnouncementPage> {
  const { actor } = ctx;
  const now = ctx.now();
  const reach = await readerReach(ctx.db, actor.personId);
  const visible = visibleSql(reach);
  const after = decodeCursor(q.cursor, 3) as [boolean, string, string] | null;
  const me = actor.personId;
  let where: SQL;
  if (q.filter === 'sent') {
    if (!actor.agencyId || !publishesFor(actor, actor.agencyId))
      throw forbidden(
        'Chỉ người được gửi thông báo của đơn vị mới xem được danh sách thông báo đơn vị đã gửi.',
      );
    where = sql`a.agency_id = ${actor.agencyId}`;
  } else if (q.filter === 'expired') where = sql`${visible} AND ${expiredSql(now)}`;
  else {
    where = sql`${visible} AND NOT ${expiredSql(now)}`;
    if (q.filter === 'unread')
      where = sql`${where} AND NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.person_id = ${me})`;
  }
  const keyset = after
    ? sql`AND (a.pinned, a.published_at, a.id) < (${after[0]}::boolean, ${after[1]}::timestamptz, ${after[2]}::uuid)`
    : sql``;
  const found = await rows<Row & { file_count: number }>(
    ctx.db,
    sql`SELECT a.id, a.agency_id, ag.name AS agency_name, a.title, left(a.body, 400) AS body, a.audience, a.pinned,
               a.is_public, jsonb_array_length(a.files)::int AS file_count, a.published_at, a.published_at::text AS pkey,
               a.expires_at, a.status,
               (a.agency_id = ${actor.agencyId ?? null}::uuid AND NOT ${visible})
                 OR EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.person_id = ${me}) AS read
          FROM announcements a JOIN ${agencyRowsSql} ag ON ag.id = a.agency_id
         WHERE ${where} ${keyset}
         ORDER BY a.pinned DESC, a.published_at DESC, a.id DESC
         LIMIT ${q.limit + 1}`,
  );
  const page = found.slice(0, q.limit);
  const last = page.at(-1);
  const [count] = await rows<{ n: number }>(
    ctx.db,
    sql`SELECT count(*)::int AS n FROM announcements a
         WHERE ${visible} AND NOT ${expiredSql(now)}
           AND NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.person_id = ${me})`,
  );
  return {
    items: page.map(
      (r): AnnouncementListItem => ({
        id: r.id,
        title: r.title,
        excerpt: excerptOf(r.body),
        agency: { id: r.agency_id, name: r.agency_name },
        audience: r.audience,
        pinned: r.pinned,
        isPublic: r.is_public,
        fileCount: r.file_count,
        publishedAt: iso(r.published_at),
        expiresAt: isoOrNull(r.expires_at),
        expired: !!r.expires_at && new Date(r.expires_at).getTime() <= now.getTime(),
        status: r.status,
        read: r.read,
      }),
    ),
    nextCursor: found.length > q.limit && last ? encodeCursor([last.pinned, last.pkey, last.id]) : null,
    unread: count?.n ?? 0,
  };
}

/** One announcement the actor may see (addressed to them, or sent by their agency and they publish), else 404. */
async function loadFor(ctx: Ctx, id: string, reach?: ReaderReach): Promise<Row> {
  const r = reach ?? (await readerReach(ctx.db, ctx.actor.personId));
  const me = ctx.actor.personId;
  const [row] = await rows<Row>(
    ctx.db,
    sql`SELECT a.id, a.agency_id, ag.name AS agency_name, a.title, a.body, a.audience, a.roles, a.pinned, a.is_public,
               a.files, a.published_at, a.published_at::text AS pkey, a.expires_at, a.status, a.created_by_id,
               ${personNameSql(sql`a.created_by_id`)} AS created_by_name, a.updated_at,
               rd.read_at IS NOT NULL AS read, rd.read_at, ${visibleSql(r)} AS addressed
          FROM announcements a JOIN ${agencyRowsSql} ag ON ag.id = a.agency_id
          LEFT JOIN announcement_reads rd ON rd.announcement_id = a.id AND rd.person_id = ${me}
         WHERE a.id = ${id}`,
  );
  if (!row || !(row.addressed || publishesFor(ctx.actor, row.agency_id))) throw NOT_FOUND();
  return row;
}

async function present(ctx: Ctx, r: Row): Promise<AnnouncementView> {
  const chosen = await rows<{ id: string; name: string }>(
    ctx.db,
    sql`SELECT ag.id, ag.name FROM announcement_agencies aa JOIN ${agencyRowsSql} ag ON ag.id = aa.agency_id
         WHERE aa.announcement_id = ${r.id} ORDER BY ag.name`,
  );
  const now = ctx.now();
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    agency: { id: r.agency_id, name: r.agency_name },
    audience: r.audience,
    roles: r.roles,
    agencies: chosen,
    pinned: r.pinned,
    isPublic: r.is_public,
    files: r.files,
    publishedAt: iso(r.published_at),
    expiresAt: isoOrNull(r.expires_at),
    expired: !!r.expires_at && new Date(r.expires_at).getTime() <= now.getTime(),
    status: r.status,
    read: r.read,
    readAt: isoOrNull(r.read_at),
    addressed: r.addressed,
    canManage: publishesFor(ctx.actor, r.agency_id),
    createdByName: r.created_by_name,
    updatedAt: iso(r.updated_at),
  };
}

/**
 * Opens an announcement: an addressee's first opening records the read receipt (idempotent). The
 * sending agency's publishers may open it too, without a receipt when they are not addressed.
 */
export async function openAnnouncement(ctx: Ctx, id: string): Promise<AnnouncementView> {
  const row = await loadFor(ctx, id);
  if (row.addressed && !row.read) {
    const [r] = await rows<{ read_at: Date | string }>(
      ctx.db,
      sql`INSERT INTO announcement_reads (announcement_id, person_id, read_at)
          VALUES (${id}, ${ctx.actor.personId}, ${ctx.now().toISOString()}::timestamptz)
          ON CONFLICT DO NOTHING RETURNING read_at`,
    );
    row.read = true;
    row.read_at = r?.read_at ?? ctx.now();
  }
  return present(ctx, row);
}

/** The row for a change by the sending agency's publishers (404 to others, 409 once withdrawn). */
async function loadForChange(ctx: Ctx, id: string): Promise<Row> {
  const row = await loadFor(ctx, id);
  if (!publishesFor(ctx.actor, row.agency_id))
    throw forbidden(
      'Chỉ người được gửi thông báo của đơn vị đã gửi mới sửa hoặc thu hồi được thông báo này.',
    );
  if (row.status === 'withdrawn')
    throw new AppError('conflict', 'Thông báo đã được thu hồi, không sửa được nữa.');
  return row;
}

export async function updateAnnouncement(ctx: Ctx, id: string, input: Update): Promise<AnnouncementView> {
  const row = await loadForChange(ctx, id);
  const now = ctx.now();
  const set: Partial<typeof announcements.$inferInsert> = {};
  const changed: Record<string, unknown> = {};
  if (input.title !== undefined && input.title !== row.title) set.title = changed.title = input.title;
  if (input.body !== undefined && input.body !== row.body) {
    set.body = input.body;
    changed.body = true;
  }
  if (input.pinned !== undefined && input.pinned !== row.pinned) set.pinned = changed.pinned = input.pinned;
  if (input.expiresAt !== undefined) {
    const at = checkExpiry(input.expiresAt, now);
    if ((at?.getTime() ?? null) !== (row.expires_at ? new Date(row.expires_at).getTime() : null)) {
      set.expiresAt = at;
      changed.expiresAt = at?.toISOString() ?? null;
    }
  }
  if (Object.keys(set).length) {
    await inTx(ctx, async (tx) => {
      await tx.db
        .update(announcements)
        .set({ ...set, updatedAt: now })
        .where(eq(announcements.id, id));
      if (row.is_public) await forgetPublicAnnouncements(tx.db);
      await audit(tx.db, ctx.actor, {
        action: 'portal.announcements.update',
        entityType: 'announcement',
        entityId: id,
        detail: changed,
      });
    });
  }
  return present(ctx, await loadFor(ctx, id));
}

export async function withdrawAnnouncement(ctx: Ctx, id: string, reason?: string): Promise<AnnouncementView> {
  const row = await loadForChange(ctx, id);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    await tx.db
      .update(announcements)
      .set({ status: 'withdrawn', updatedAt: now })
      .where(eq(announcements.id, id));
    if (row.is_public) await forgetPublicAnnouncements(tx.db);
    await audit(tx.db, ctx.actor, {
      action: 'portal.announcements.withdraw',
      entityType: 'announcement',
      entityId: id,
      detail: { title: row.title, reason: reason ?? null },
    });
  });
  return present(ctx, await loadFor(ctx, id));
}

/**
 * Đã đọc N/M and one page of the addressees who have not read it, by name: computed in SQL from the
 * audience (membersSql); then the positions of that page only, for their titles and units.
 */
export async function receipts(
  ctx: Ctx,
  id: string,
  q: { limit: number; cursor?: string },
): Promise<ReceiptsView> {
  const row = await loadFor(ctx, id);
  if (!publishesFor(ctx.actor, row.agency_id))
    throw forbidden('Chỉ người được gửi thông báo của đơn vị đã gửi mới xem được tình hình đọc.');
  const units = await checkUnitsLoose(ctx.db, id);
  const spec: AudienceSpec = { audience: row.audience, roles: row.roles, units };
  const after = decodeCursor(q.cursor, 2) as [string, string] | null;
  const [counts] = await rows<{ addressed: number; read: number }>(
    ctx.db,
    sql`WITH RECURSIVE ${membersSql(spec)}
        SELECT count(*)::int AS addressed,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM announcement_reads r
                                               WHERE r.announcement_id = ${id} AND r.person_id = m.person_id))::int AS read
          FROM members m`,
  );
  const page = await rows<{ person_id: string; agency_id: string; role: string; full_name: string }>(
    ctx.db,
    sql`WITH RECURSIVE ${membersSql(spec)},
        unread AS (
          SELECT m.person_id, m.agency_id, m.role, coalesce(${personNameSql(sql`m.person_id`)}, '') AS full_name
            FROM members m
           WHERE NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = ${id} AND r.person_id = m.person_id))
        SELECT * FROM unread
         ${after ? sql`WHERE (full_name, person_id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
         ORDER BY full_name, person_id
         LIMIT ${q.limit + 1}`,
  );
  const shown = page.slice(0, q.limit);
  const positions = await activePositions(
    ctx.db,
    shown.map((p) => p.person_id),
  );
  const last = shown.at(-1);
  return {
    addressed: counts?.addressed ?? 0,
    read: counts?.read ?? 0,
    notRead: shown.map((p) => {
      const held = positions.filter((x) => x.personId === p.person_id);
      const pos = held.find((x) => x.agencyId === p.agency_id && x.role === p.role) ?? held[0];
      return {
        personId: p.person_id,
        fullName: p.full_name,
        title: pos?.title || ROLE_NAMES[p.role as keyof typeof ROLE_NAMES] || p.role,
        role: p.role,
        agencyName: pos?.agencyName ?? '',
        divisionName: pos?.divisionName ?? null,
      };
    }),
    nextCursor: page.length > q.limit && last ? encodeCursor([last.full_name, last.person_id]) : null,
  };
}

/** The chosen units of a stored announcement, whatever their status now. */
async function checkUnitsLoose(db: Db, id: string): Promise<AudienceSpec['units']> {
  return rows<{ id: string; kind: string; parentId: string | null }>(
    db,
    sql`SELECT ag.id, ag.kind, ag.parent_id AS "parentId"
          FROM announcement_agencies aa JOIN ${agencyRowsSql} ag ON ag.id = aa.agency_id
         WHERE aa.announcement_id = ${id}`,
  );
}

/** A file of an announcement the actor may see. */
export async function announcementFile(ctx: Ctx, id: string, sha256: string): Promise<AttachedFile> {
  const row = await loadFor(ctx, id);
  const f = row.files.find((x) => x.sha256 === sha256.toLowerCase());
  if (!f) throw notFound('Tệp');
  return f;
}

/**
 * The newest unread announcements addressed to the person (not expired), pinned ones first: the
 * portal home's box (exported through portal's index.ts).
 */
export async function unreadAnnouncements(
  db: Db,
  actor: Pick<Actor, 'personId'>,
  limit: number,
  now: Date = new Date(),
): Promise<UnreadAnnouncementView[]> {
  const reach = await readerReach(db, actor.personId);
  const r = await rows<{
    id: string;
    title: string;
    pinned: boolean;
    published_at: Date | string;
    agency_name: string;
  }>(
    db,
    sql`SELECT a.id, a.title, a.pinned, a.published_at, ag.name AS agency_name
          FROM announcements a JOIN ${agencyRowsSql} ag ON ag.id = a.agency_id
         WHERE ${visibleSql(reach)} AND NOT ${expiredSql(now)}
           AND NOT EXISTS (SELECT 1 FROM announcement_reads r WHERE r.announcement_id = a.id AND r.person_id = ${actor.personId})
         ORDER BY a.pinned DESC, a.published_at DESC, a.id DESC
         LIMIT ${limit}`,
  );
  return r.map((x) => ({
    id: x.id,
    title: x.title,
    pinned: x.pinned,
    publishedAt: iso(x.published_at),
    agencyName: x.agency_name,
  }));
}

/** Role labels for messages (the web has its own, translated). */
export const ROLE_NAMES: Record<(typeof ROLES)[number], string> = {
  clerk: 'Văn thư',
  archivist: 'Lưu trữ',
  officer: 'Chuyên viên',
  division_head: 'Trưởng phòng',
  agency_leader: 'Lãnh đạo đơn vị',
  agency_admin: 'Quản trị đơn vị',
  system_admin: 'Quản trị hệ thống',
};
