import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Role } from '../../../shared/roles.ts';
import type { MeView, SessionStage } from '../../../shared/schemas/auth.ts';
import type { PositionView } from '../../../shared/schemas/people.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { ResolvedSession } from '../../platform/access/guard.ts';
import { ROLE_PERMISSIONS } from '../../platform/access/permissions.ts';
import { audit, countActionsToday } from '../../platform/audit/index.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../platform/auth/password.ts';
import { randomToken, tokenHash } from '../../platform/auth/tokens.ts';
import { checkTotp, newTotpSecret, totpUri } from '../../platform/auth/totp.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { defineJob } from '../../platform/jobs/index.ts';
import { AGENCY_ROWS } from '../agencies/index.ts';
import { people, sessions } from './schema.ts';
import * as store from './store.ts';

export interface Client {
  ip: string;
  userAgent: string | null;
}

/** The stage a fresh session starts in: what the person must still do before full access. */
function initialStage(person: store.PersonRow, roles: string[], config: Config): SessionStage {
  if (person.totpEnabled) return 'totp_pending';
  if (person.mustChangePassword) return 'password';
  if (roles.some((r) => config.totpRequiredRoles.includes(r))) return 'totp_enroll';
  return 'ok';
}

/**
 * Username + password sign-in. Failures count towards a lockout (LOGIN_MAX_FAILURES within a row,
 * locked for LOGIN_LOCK_MINUTES); the answer never says whether the username exists.
 */
export async function login(db: Db, config: Config, username: string, password: string, client: Client) {
  const person = await store.findByUsername(db, username);
  const now = new Date();
  const who = { system: `login:${username.slice(0, 64)}`, ip: client.ip };
  if (!person) {
    await burnPasswordCheck(password);
    await audit(db, who, { action: 'auth.login_failed', detail: { reason: 'unknown_user' } });
    throw new AppError('invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  if (person.lockedUntil && person.lockedUntil > now) {
    throw lockedError(person.lockedUntil, now);
  }
  const ok = await verifyPassword(person.passwordHash, password);
  if (!ok) {
    const failures = person.failedLogins + 1;
    const lock = failures >= config.LOGIN_MAX_FAILURES;
    const lockedUntil = lock ? new Date(now.getTime() + config.LOGIN_LOCK_MINUTES * 60_000) : null;
    await db.transaction(async (tx) => {
      await tx
        .update(people)
        .set({ failedLogins: lock ? 0 : failures, lockedUntil })
        .where(eq(people.id, person.id));
      await audit(
        tx,
        { ...who, system: person.username },
        {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          entityType: 'person',
          entityId: person.id,
          detail: { failures },
        },
      );
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    const left = config.LOGIN_MAX_FAILURES - failures;
    throw new AppError(
      'invalid_credentials',
      `Tên đăng nhập hoặc mật khẩu không đúng. Còn ${left} lần thử trước khi tài khoản bị tạm khóa.`,
      {
        extra: { attemptsLeft: left },
      },
    );
  }
  if (person.disabledAt)
    throw new AppError('account_disabled', 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị cơ quan.');

  const pos = await store.activePositions(db, [person.id]);
  const token = randomToken();
  const csrfToken = randomToken(24);
  const stage = initialStage(
    person,
    pos.map((p) => p.role),
    config,
  );
  const session = await db.transaction(async (tx) => {
    await tx.update(people).set({ failedLogins: 0, lockedUntil: null }).where(eq(people.id, person.id));
    const [s] = await tx
      .insert(sessions)
      .values({
        tokenHash: tokenHash(token),
        personId: person.id,
        positionId: pos[0]?.id ?? null,
        csrfToken,
        stage,
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
        expiresAt: new Date(now.getTime() + config.SESSION_TTL_HOURS * 3_600_000),
      })
      .returning();
    await audit(
      tx,
      { personId: person.id, fullName: person.fullName, agencyId: pos[0]?.agencyId ?? null, ip: client.ip },
      {
        action: 'auth.login',
        entityType: 'session',
        entityId: s!.id,
        detail: { stage },
      },
    );
    return s!;
  });
  return { token, csrfToken, stage, sessionId: session.id, expiresAt: session.expiresAt };
}

function lockedError(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError(
    'account_locked',
    `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
    {
      extra: { lockedUntil: until.toISOString(), retryAfterMinutes: minutes },
    },
  );
}

/** What session resolution loads for /me besides the actor. */
export interface SessionProfile {
  csrfToken: string;
  email: string | null;
  locale: string;
  totpEnabled: boolean;
  agency: { id: string; name: string; shortName: string; agencyCode: string | null } | null;
  positions: PositionView[];
}

interface SessionRow {
  session_id: string;
  csrf_token: string;
  stage: string;
  last_seen_at: Date;
  person_id: string;
  username: string;
  full_name: string;
  email: string | null;
  locale: string;
  totp_enabled: boolean;
  position_id: string | null;
  agency_id: string | null;
  division_id: string | null;
  role: Role | null;
  agency_name: string | null;
  agency_short_name: string | null;
  agency_code: string | null;
  positions: PositionView[];
}

// Every authenticated request that misses the session cache runs this: one indexed lookup
// (sessions_token_uq) joined to the person, the acting position and its agency, plus the person's
// active positions as JSON, so /me needs nothing more. Plain SQL, prepared: it is the hottest query.
// Agencies' names come from its AGENCY_ROWS, a subquery the planner folds into these joins.
const RESOLVE_SQL = `
  SELECT s.id AS session_id, s.csrf_token, s.stage, s.last_seen_at,
         p.id AS person_id, p.username, p.full_name, p.email, p.locale, p.totp_enabled,
         cur.id AS position_id, cur.agency_id, cur.division_id, cur.role,
         a.name AS agency_name, a.short_name AS agency_short_name, a.agency_code,
         (SELECT coalesce(json_agg(json_build_object('id', x.id, 'agencyId', x.agency_id, 'agencyName', xa.name,
                   'agencyShortName', xa.short_name, 'agencyCode', xa.agency_code, 'divisionId', x.division_id,
                   'divisionName', xd.name, 'role', x.role, 'title', x.title, 'isPrimary', x.is_primary)
                   ORDER BY x.is_primary DESC, x.created_at), '[]'::json)
            FROM positions x JOIN ${AGENCY_ROWS} xa ON xa.id = x.agency_id LEFT JOIN ${AGENCY_ROWS} xd ON xd.id = x.division_id
           WHERE x.person_id = p.id AND x.ended_at IS NULL) AS positions
    FROM sessions s
    JOIN people p ON p.id = s.person_id
    LEFT JOIN positions cur ON cur.id = s.position_id AND cur.ended_at IS NULL
    LEFT JOIN ${AGENCY_ROWS} a ON a.id = cur.agency_id
   WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND p.disabled_at IS NULL`;

export type QueryFn = <T>(text: string, params?: unknown[], name?: string) => Promise<T[]>;

/** Resolves a session cookie into an actor; touches last_seen at most once a minute. */
export async function resolveSession(
  query: QueryFn,
  token: string,
  ip: string,
): Promise<ResolvedSession | null> {
  const row = (await query<SessionRow>(RESOLVE_SQL, [tokenHash(token)], 'resolve_session'))[0];
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    await query('UPDATE sessions SET last_seen_at = now() WHERE id = $1', [row.session_id]);
  }
  const actor: Actor = {
    personId: row.person_id,
    username: row.username,
    fullName: row.full_name,
    sessionId: row.session_id,
    positionId: row.position_id,
    agencyId: row.agency_id,
    divisionId: row.division_id,
    role: row.role,
    ip,
  };
  const profile: SessionProfile = {
    csrfToken: row.csrf_token,
    email: row.email,
    locale: row.locale,
    totpEnabled: row.totp_enabled,
    agency: row.agency_id
      ? {
          id: row.agency_id,
          name: row.agency_name!,
          shortName: row.agency_short_name!,
          agencyCode: row.agency_code,
        }
      : null,
    positions: row.positions,
  };
  return { actor, csrfToken: row.csrf_token, stage: row.stage, profile };
}

export async function logout(db: Db, actor: Actor) {
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, actor.sessionId));
    await audit(tx, actor, { action: 'auth.logout', entityType: 'session', entityId: actor.sessionId });
  });
}

/** The signed-in person as /me shows them, entirely from what session resolution loaded. */
export function me(actor: Actor, stage: string, profile: SessionProfile): MeView {
  const pos = profile.positions;
  return {
    id: actor.personId,
    username: actor.username,
    fullName: actor.fullName,
    email: profile.email,
    locale: profile.locale,
    stage: stage as SessionStage,
    csrfToken: profile.csrfToken,
    totpEnabled: profile.totpEnabled,
    position: pos.find((p) => p.id === actor.positionId) ?? null,
    positions: pos,
    agency: profile.agency,
    permissions: actor.role ? ['authenticated', ...ROLE_PERMISSIONS[actor.role]] : ['authenticated'],
  };
}

/** After the password step, the session may still need TOTP enrolment. */
async function nextStage(db: Db, actor: Actor, config: Config): Promise<SessionStage> {
  const person = await store.findPerson(db, actor.personId);
  if (person?.mustChangePassword) return 'password';
  const roles = (await store.activePositions(db, [actor.personId])).map((p) => p.role);
  if (!person?.totpEnabled && roles.some((r) => config.totpRequiredRoles.includes(r))) return 'totp_enroll';
  return 'ok';
}

/** Changing the password ends every other session of the person. */
export async function changePassword(db: Db, config: Config, actor: Actor, current: string, next: string) {
  const person = await store.findPerson(db, actor.personId);
  if (!person || !(await verifyPassword(person.passwordHash, current))) {
    throw new AppError('validation_failed', 'Mật khẩu hiện tại không đúng.', {
      fields: [{ path: 'body.currentPassword', message: 'Mật khẩu hiện tại không đúng' }],
    });
  }
  if (current === next) {
    throw new AppError('validation_failed', 'Mật khẩu mới phải khác mật khẩu hiện tại.', {
      fields: [{ path: 'body.newPassword', message: 'Trùng mật khẩu cũ' }],
    });
  }
  const passwordHash = await hashPassword(next);
  return db.transaction(async (tx) => {
    await tx
      .update(people)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(people.id, actor.personId));
    await store.revokeAllSessions(tx, actor.personId, actor.sessionId);
    const stage = await nextStage(tx, actor, config);
    await tx.update(sessions).set({ stage }).where(eq(sessions.id, actor.sessionId));
    await audit(tx, actor, {
      action: 'auth.change_password',
      entityType: 'person',
      entityId: actor.personId,
    });
    return stage;
  });
}

/** Starts TOTP enrolment: stores a pending secret and returns it with its otpauth:// URI. */
export async function totpSetup(db: Db, actor: Actor) {
  const person = await store.findPerson(db, actor.personId);
  if (!person) throw notFound('Người dùng');
  if (person.totpEnabled) throw new AppError('conflict', 'Xác thực hai lớp đã được bật.');
  const secret = newTotpSecret();
  await db.update(people).set({ totpSecret: secret }).where(eq(people.id, actor.personId));
  return { secret, uri: totpUri(secret, person.username) };
}

export async function totpEnable(db: Db, config: Config, actor: Actor, code: string) {
  const person = await store.findPerson(db, actor.personId);
  if (!person?.totpSecret || person.totpEnabled)
    throw new AppError('conflict', 'Hãy bắt đầu thiết lập xác thực hai lớp trước.');
  if (!checkTotp(person.totpSecret, code))
    throw new AppError('totp_invalid', 'Mã xác thực không đúng hoặc đã hết hạn.');
  return db.transaction(async (tx) => {
    await tx.update(people).set({ totpEnabled: true }).where(eq(people.id, actor.personId));
    const stage = await nextStage(tx, actor, config);
    await tx.update(sessions).set({ stage }).where(eq(sessions.id, actor.sessionId));
    await audit(tx, actor, { action: 'auth.totp_enable', entityType: 'person', entityId: actor.personId });
    return stage;
  });
}

/** The TOTP step of sign-in. */
export async function totpVerify(db: Db, config: Config, actor: Actor, stage: string | null, code: string) {
  if (stage !== 'totp_pending') throw new AppError('conflict', 'Phiên làm việc không chờ mã xác thực.');
  const person = await store.findPerson(db, actor.personId);
  if (!person?.totpSecret || !checkTotp(person.totpSecret, code)) {
    await audit(db, actor, { action: 'auth.totp_failed', entityType: 'person', entityId: actor.personId });
    throw new AppError('totp_invalid', 'Mã xác thực không đúng hoặc đã hết hạn.');
  }
  const next = await nextStage(db, actor, config);
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ stage: next }).where(eq(sessions.id, actor.sessionId));
    await audit(tx, actor, { action: 'auth.totp_ok', entityType: 'session', entityId: actor.sessionId });
  });
  return next;
}

export async function listSessions(db: Db, actor: Actor) {
  const r = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.personId, actor.personId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
  return r.map((s) => ({
    id: s.id,
    current: s.id === actor.sessionId,
    ip: s.ip,
    userAgent: s.userAgent,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
  }));
}

export async function revokeSession(db: Db, actor: Actor, sessionId: string) {
  const r = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.personId, actor.personId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (r.length === 0) throw notFound('Phiên làm việc');
  await audit(db, actor, { action: 'auth.revoke_session', entityType: 'session', entityId: sessionId });
}

/** Acting in another of one's own positions (kiêm nhiệm). */
export async function switchPosition(db: Db, actor: Actor, positionId: string) {
  const pos = await store.activePositions(db, [actor.personId]);
  if (!pos.some((p) => p.id === positionId)) throw notFound('Chức vụ');
  await db.transaction(async (tx) => {
    await tx.update(sessions).set({ positionId }).where(eq(sessions.id, actor.sessionId));
    await audit(tx, actor, {
      action: 'auth.switch_position',
      entityType: 'session',
      entityId: actor.sessionId,
      detail: { positionId },
    });
  });
}

/** Sign-ins today (Asia/Ho_Chi_Minh), for the admin home page. */
export async function signInsToday(db: Db, agencyIds?: string[]): Promise<number> {
  return countActionsToday(db, 'auth.login', agencyIds);
}

/** Housekeeping: sessions long expired or revoked are removed after 30 days (the audit log keeps sign-ins). */
export const purgeSessionsJob = defineJob('sessions.purge', z.object({}), {
  run: ({ db }) => store.purgeOldSessions(db),
});
