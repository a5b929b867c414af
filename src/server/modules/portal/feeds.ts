import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { vnDate, vnDayStart } from '../../../shared/calendar/vn-time.ts';
import type {
  FeedChoice,
  FeedInput,
  FeedOptionsView,
  FeedScope,
  FeedView,
} from '../../../shared/schemas/portal-feeds.ts';
import { type Db, rows } from '../../db/client.ts';
import { audit } from '../../platform/audit/index.ts';
import { randomToken, tokenHash } from '../../platform/auth/tokens.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { agencyRowsSql, findAgency, homeAgencyId } from '../agencies/index.ts';
import { activeHolders, activePositions, personNames } from '../people/index.ts';
import { forgetFeedToken } from './feeds-cache.ts';
import type { FeedCalendar, FeedEntry } from './feeds-ical.ts';
import { calendarFeeds } from './schema.ts';

/**
 * Calendar subscriptions (iCalendar feeds): a secret address per subscription, of the person's own
 * calendar, of an agency's schedule or of every public schedule. The token (32 random bytes,
 * base64url) is shown once; only its SHA-256 is stored; a revoked token, or one whose owner left the
 * service, answers 404 like a wrong one.
 *
 * What a feed shows (read when it is fetched, so it follows the owner's positions):
 *  - person: the entries the owner is in (schedule_entry_people: chair, participant, following) of
 *    published weeks, and the meetings of their own calendar (week_id null); with internal details.
 *  - agency: the agency's schedule (published weeks), its meetings and the entries it is invited to;
 *    everything with internal details when the owner works in the agency or in its schedule's office,
 *    else only the public entries of published weeks (what every signed-in person may read).
 *  - all: every public entry of the published weeks of public schedules (no internal detail).
 * Each covers a bounded window: FEED_DAYS_BACK days back, FEED_DAYS_AHEAD ahead.
 */

export const FEED_DAYS_BACK = 60;
export const FEED_DAYS_AHEAD = 180;
/** More than this many live subscriptions per person is refused (each is a secret to keep). */
export const MAX_FEEDS_PER_PERSON = 20;
/** last_used_at is written at most this often per feed. */
export const LAST_USED_EVERY_MS = 3_600_000;
/** Safety bound of a feed's size whatever the data. */
const MAX_EVENTS = 20_000;

/** "/lich/<token>.ics": the short, stable path calendar apps subscribe to. */
export const feedPath = (token: string) => `/lich/${token}.ics`;
/** What a token looks like (32 bytes in base64url): anything else is refused without a query. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const PROVINCE_FALLBACK_TITLE = 'Lịch công tác của Thường trực UBND tỉnh';
const ALL_TITLE = 'Tất cả lịch công tác công khai';

interface ScheduleRow {
  id: string;
  agency_id: string;
  office_agency_id: string;
  title: string;
  is_public: boolean;
}

async function scheduleOf(db: Db, agencyId: string): Promise<ScheduleRow | undefined> {
  const [s] = await rows<ScheduleRow>(
    db,
    sql`SELECT id, agency_id, office_agency_id, title, is_public FROM schedules WHERE agency_id = ${agencyId}`,
  );
  return s;
}

async function agencyTitle(db: Db, agencyId: string): Promise<string | null> {
  const s = await scheduleOf(db, agencyId);
  if (s) return s.title;
  const a = await findAgency(db, agencyId);
  return a ? `Lịch công tác của ${a.name}` : null;
}

const personTitle = (name: string) => `Lịch công tác của ${name}`;

// ---------------------------------------------------------------------------------------------
// Subscriptions of the signed-in person

/** What the signed-in person may subscribe to: their own calendar, their agencies', the province's, all. */
export async function feedOptions(ctx: Ctx): Promise<FeedOptionsView> {
  const { actor, db } = ctx;
  const home = await homeAgencyId(db);
  const positions = await activePositions(db, [actor.personId]);
  const agencyIds = [...new Set(positions.map((p) => p.agencyId))].filter((id) => id !== home);
  if (actor.agencyId && actor.agencyId !== home && !agencyIds.includes(actor.agencyId))
    agencyIds.unshift(actor.agencyId);
  const agencies: FeedChoice[] = [];
  for (const id of agencyIds) {
    const title = await agencyTitle(db, id);
    if (title) agencies.push({ scope: 'agency', targetId: id, title });
  }
  const provinceSchedule = home ? await scheduleOf(db, home) : undefined;
  return {
    mine: { scope: 'person', targetId: actor.personId, title: personTitle(actor.fullName) },
    agencies,
    province: home
      ? { scope: 'agency', targetId: home, title: provinceSchedule?.title ?? PROVINCE_FALLBACK_TITLE }
      : null,
    all: { scope: 'all', targetId: null, title: ALL_TITLE },
  };
}

type FeedRow = typeof calendarFeeds.$inferSelect;

async function titlesOf(db: Db, feeds: Pick<FeedRow, 'scope' | 'targetId'>[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const personIds = feeds.filter((f) => f.scope === 'person' && f.targetId).map((f) => f.targetId!);
  for (const [id, name] of await personNames(db, personIds)) out.set(`person|${id}`, personTitle(name));
  for (const f of feeds) {
    if (f.scope === 'agency' && f.targetId && !out.has(`agency|${f.targetId}`))
      out.set(`agency|${f.targetId}`, (await agencyTitle(db, f.targetId)) ?? 'Lịch công tác của đơn vị');
  }
  out.set('all|', ALL_TITLE);
  return out;
}

function view(f: FeedRow, titles: Map<string, string>): FeedView {
  return {
    id: f.id,
    scope: f.scope as FeedScope,
    targetId: f.targetId,
    title: titles.get(`${f.scope}|${f.targetId ?? ''}`) ?? '',
    label: f.label,
    createdAt: f.createdAt.toISOString(),
    lastUsedAt: f.lastUsedAt ? f.lastUsedAt.toISOString() : null,
  };
}

/** The signed-in person's live subscriptions, newest first. */
export async function listFeeds(ctx: Ctx): Promise<FeedView[]> {
  const feeds = await ctx.db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.ownerId, ctx.actor.personId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt), desc(calendarFeeds.id));
  const titles = await titlesOf(ctx.db, feeds);
  return feeds.map((f) => view(f, titles));
}

/** May the actor subscribe to this agency's schedule? Their own agencies, or any agency with a schedule. */
async function checkAgencyTarget(ctx: Ctx, agencyId: string): Promise<void> {
  const agency = await findAgency(ctx.db, agencyId);
  if (agency?.status !== 'active') throw notFound('Đơn vị');
  if (await scheduleOf(ctx.db, agencyId)) return;
  const mine = await activePositions(ctx.db, [ctx.actor.personId]);
  if (mine.some((p) => p.agencyId === agencyId)) return;
  throw new AppError(
    'not_found',
    `${agency.name} chưa có lịch công tác; chỉ đăng ký được lịch của đơn vị mình hoặc của đơn vị đã có lịch công tác.`,
  );
}

/** Creates a subscription; the answer carries the secret token this once. */
export async function createFeed(ctx: Ctx, input: FeedInput): Promise<{ feed: FeedView; token: string }> {
  const { actor } = ctx;
  let targetId: string | null = null;
  if (input.scope === 'person') {
    if (input.targetId && input.targetId !== actor.personId)
      throw new AppError('forbidden', 'Bạn chỉ đăng ký được lịch công tác của chính mình.');
    targetId = actor.personId;
  } else if (input.scope === 'agency') {
    if (!input.targetId)
      throw new AppError('validation_failed', 'Hãy chọn đơn vị có lịch công tác cần đăng ký.', {
        fields: [{ path: 'body.targetId', message: 'Hãy chọn đơn vị.' }],
      });
    await checkAgencyTarget(ctx, input.targetId);
    targetId = input.targetId;
  } else if (input.targetId) {
    throw new AppError('validation_failed', 'Lịch công khai chung không gắn với đơn vị hay người nào.', {
      fields: [{ path: 'body.targetId', message: 'Không dùng cho lịch công khai chung.' }],
    });
  }
  const token = randomToken(32);
  const feed = await inTx(ctx, async (tx) => {
    const [{ n } = { n: 0 }] = await rows<{ n: number }>(
      tx.db,
      sql`SELECT count(*)::int AS n FROM calendar_feeds WHERE owner_id = ${actor.personId} AND revoked_at IS NULL`,
    );
    if (n >= MAX_FEEDS_PER_PERSON)
      throw new AppError(
        'conflict',
        `Bạn đã có ${MAX_FEEDS_PER_PERSON} đường dẫn đăng ký lịch; hãy thu hồi những đường dẫn không dùng nữa rồi tạo mới.`,
      );
    const [row] = await tx.db
      .insert(calendarFeeds)
      .values({
        ownerId: actor.personId,
        scope: input.scope,
        targetId,
        tokenHash: tokenHash(token),
        label: input.label ?? '',
        createdAt: tx.now(),
      })
      .returning();
    // Never the token nor its hash: the audit log is read by administrators.
    await audit(tx.db, actor, {
      action: 'portal.feeds.create',
      entityType: 'calendar_feed',
      entityId: row!.id,
      detail: { scope: input.scope, targetId },
    });
    return row!;
  });
  return { feed: view(feed, await titlesOf(ctx.db, [feed])), token };
}

/** Revokes one of the person's own subscriptions; returns the token hash to forget from caches. */
export async function revokeFeed(ctx: Ctx, id: string): Promise<string> {
  return inTx(ctx, async (tx) => {
    const [row] = await tx.db
      .update(calendarFeeds)
      .set({ revokedAt: tx.now() })
      .where(
        and(
          eq(calendarFeeds.id, id),
          eq(calendarFeeds.ownerId, tx.actor.personId),
          isNull(calendarFeeds.revokedAt),
        ),
      )
      .returning();
    if (!row) throw notFound('Đường dẫn đăng ký lịch');
    await audit(tx.db, tx.actor, {
      action: 'portal.feeds.revoke',
      entityType: 'calendar_feed',
      entityId: row.id,
      detail: { scope: row.scope, targetId: row.targetId },
    });
    await forgetFeedToken(tx.db, row.tokenHash);
    return row.tokenHash;
  });
}

// ---------------------------------------------------------------------------------------------
// Serving a feed

/** A token that opens a feed, and what the feed is (cached per token hash by the routes). */
export interface ResolvedFeed {
  id: string;
  scope: FeedScope;
  targetId: string | null;
  /** Internal details (preparing, notes, the owner's role) and non-public entries. */
  internal: boolean;
  /** When last_used_at was last written (ms), to write it at most hourly. */
  lastUsedAt: number;
}

/**
 * What a token opens, given the SHA-256 of the token, or null (unknown, revoked, its owner gone): the
 * caller answers 404. The caller checks the token's shape (TOKEN_SHAPE) first.
 */
export async function resolveFeedHash(db: Db, hash: string): Promise<ResolvedFeed | null> {
  const [f] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, hash), isNull(calendarFeeds.revokedAt)));
  if (!f) return null;
  // The owner must still hold a position with an active account.
  const positions = await activePositions(db, [f.ownerId]);
  const first = positions[0];
  if (!first) return null;
  const holders = await activeHolders(db, first.agencyId, first.role);
  if (!holders.some((h) => h.personId === f.ownerId)) return null;
  let internal = false;
  if (f.scope === 'person') internal = f.targetId === f.ownerId;
  else if (f.scope === 'agency' && f.targetId) {
    const s = await scheduleOf(db, f.targetId);
    internal = positions.some((p) => p.agencyId === f.targetId || p.agencyId === s?.office_agency_id);
  }
  if (f.scope === 'person' && !internal) return null;
  return {
    id: f.id,
    scope: f.scope as FeedScope,
    targetId: f.targetId,
    internal,
    lastUsedAt: f.lastUsedAt?.getTime() ?? 0,
  };
}

/** Writes last_used_at when it is older than an hour (one cheap UPDATE, at most hourly per feed). */
export async function touchFeed(db: Db, feed: ResolvedFeed, now: Date): Promise<void> {
  if (now.getTime() - feed.lastUsedAt < LAST_USED_EVERY_MS) return;
  feed.lastUsedAt = now.getTime();
  await db
    .update(calendarFeeds)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(calendarFeeds.id, feed.id),
        sql`(${calendarFeeds.lastUsedAt} IS NULL OR ${calendarFeeds.lastUsedAt} < ${new Date(now.getTime() - LAST_USED_EVERY_MS + 1000)})`,
      ),
    );
}

/** The window a feed covers, from whole Vietnamese days (the same all day long, so caches hold). */
export function feedWindow(now: Date): { from: string; to: string } {
  return {
    from: vnDayStart(vnDate(now.getTime() - FEED_DAYS_BACK * 86_400_000)),
    to: vnDayStart(vnDate(now.getTime() + (FEED_DAYS_AHEAD + 1) * 86_400_000)),
  };
}

/** What one feed shows: the cache key of its content (not of its token: many tokens share one). */
export interface FeedSpec {
  scope: FeedScope | 'public';
  /** Person or agency id (person, agency), schedule id (public), null (all). */
  targetId: string | null;
  internal: boolean;
}

export const feedKey = (s: FeedSpec) => `${s.scope}|${s.targetId ?? ''}|${s.internal ? 'i' : 'p'}`;

interface EntryRow {
  id: string;
  session: string;
  starts_at: Date | string;
  ends_at: Date | string | null;
  content: string;
  place: string;
  chair_text: string;
  participants_text: string;
  preparing_text: string;
  notes: string;
  roles: string[] | null;
  status: string;
  sequence: number;
  created_at: Date | string;
  updated_at: Date | string;
  source: string | null;
}

/** The entries and title of a feed within its window. */
export async function feedCalendar(
  db: Db,
  spec: FeedSpec,
  window: { from: string; to: string },
): Promise<FeedCalendar | null> {
  const internal = spec.internal;
  let where = sql`FALSE`;
  let roles = sql`NULL::text[]`;
  let name = ALL_TITLE;
  let description = 'Các hoạt động công khai của các lịch công tác đã công bố.';
  if (spec.scope === 'person' && spec.targetId) {
    const names = await personNames(db, [spec.targetId]);
    const who = names.get(spec.targetId);
    if (!who) return null;
    name = personTitle(who);
    description = `Các hoạt động của ${who}: lịch công tác đã công bố và các cuộc họp đã nhận.`;
    where = sql`e.id IN (SELECT entry_id FROM schedule_entry_people WHERE person_id = ${spec.targetId})`;
    roles = sql`ARRAY(SELECT p.role FROM schedule_entry_people p WHERE p.entry_id = e.id AND p.person_id = ${spec.targetId} ORDER BY p.role)`;
  } else if (spec.scope === 'agency' && spec.targetId) {
    const title = await agencyTitle(db, spec.targetId);
    if (!title) return null;
    name = title;
    description = internal
      ? `${title}: các tuần đã công bố, các cuộc họp và các hoạt động đơn vị được mời.`
      : `${title}: các hoạt động công khai của các tuần đã công bố.`;
    where = internal
      ? sql`(e.agency_id = ${spec.targetId}
             OR e.id IN (SELECT entry_id FROM schedule_entry_agencies WHERE agency_id = ${spec.targetId} AND role = 'participant'))`
      : sql`e.agency_id = ${spec.targetId} AND e.week_id IS NOT NULL AND e.is_public`;
  } else if (spec.scope === 'all') {
    where = sql`e.week_id IS NOT NULL AND e.is_public AND s.is_public`;
  } else if (spec.scope === 'public' && spec.targetId) {
    const [s] = await rows<ScheduleRow>(
      db,
      sql`SELECT id, agency_id, office_agency_id, title, is_public FROM schedules WHERE id = ${spec.targetId} AND is_public`,
    );
    if (!s) return null;
    name = s.title;
    description = `${s.title}: các hoạt động công khai của các tuần đã công bố.`;
    where = sql`w.schedule_id = ${s.id} AND e.is_public`;
  } else return null;
  const r = await rows<EntryRow>(
    db,
    sql`SELECT e.id, e.session, e.starts_at, e.ends_at, e.content, e.place, e.chair_text, e.participants_text,
               ${internal ? sql`e.preparing_text, e.notes` : sql`'' AS preparing_text, '' AS notes`},
               ${roles} AS roles, e.status, e.sequence, e.created_at, e.updated_at,
               coalesce(s.title, a.name) AS source
          FROM schedule_entries e
          LEFT JOIN schedule_weeks w ON w.id = e.week_id
          LEFT JOIN schedules s ON s.id = w.schedule_id
          LEFT JOIN ${agencyRowsSql} a ON a.id = e.agency_id
         WHERE e.starts_at >= ${window.from}::timestamptz AND e.starts_at < ${window.to}::timestamptz
           AND (e.week_id IS NULL OR w.status = 'published')
           AND ${where}
         ORDER BY e.starts_at, e.id
         LIMIT ${MAX_EVENTS}`,
  );
  const entries: FeedEntry[] = r.map((x) => ({
    id: x.id,
    session: x.session,
    startsAt: new Date(x.starts_at),
    endsAt: x.ends_at ? new Date(x.ends_at) : null,
    content: x.content,
    place: x.place,
    chairText: x.chair_text,
    participantsText: x.participants_text,
    preparingText: x.preparing_text,
    notes: x.notes,
    roles: x.roles ?? [],
    status: x.status,
    sequence: x.sequence,
    createdAt: new Date(x.created_at),
    updatedAt: new Date(x.updated_at),
    source: x.source ?? '',
  }));
  return { name, description, internal, entries };
}
