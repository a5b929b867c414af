import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, normalized, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';

/** A person with an account (cán bộ, công chức). Citizens are a separate, lighter kind of account. */
export const people = pgTable(
  'people',
  {
    id: idColumn(),
    /** Lower-case login name, unique across the installation. */
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** argon2id hash (PHC string). */
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Base32 TOTP secret; set when the person enrolled a second factor. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Preferred UI language: vi (default) or en. */
    locale: text('locale').notNull().default('vi'),
    nameNorm: normalized('name_norm', 'full_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('people_username_uq').on(t.username),
    index('people_name_trgm_idx').using('gin', sql`name_norm gin_trgm_ops`),
  ],
);

/**
 * A position a person holds (chức vụ): an agency, optionally a division inside it, a role and a title.
 * A person may hold several at once (kiêm nhiệm); ending a position keeps its row for history.
 */
export const positions = pgTable(
  'positions',
  {
    id: idColumn(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    divisionId: uuid('division_id').references(() => agencies.id),
    /** One of ROLES (src/shared/roles.ts): clerk | archivist | officer | division_head | agency_leader | agency_admin | system_admin */
    role: text('role').notNull(),
    title: text('title').notNull().default(''),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('positions_person_idx').on(t.personId).where(sql`ended_at IS NULL`),
    index('positions_agency_idx').on(t.agencyId, t.role).where(sql`ended_at IS NULL`),
    index('positions_division_idx').on(t.divisionId).where(sql`ended_at IS NULL`),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: idColumn(),
    tokenHash: text('token_hash').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** The position the person is acting in now (switchable among their positions). */
    positionId: uuid('position_id').references(() => positions.id),
    csrfToken: text('csrf_token').notNull(),
    /** password | totp_pending | totp_enroll | ok: what the session still has to do before full access. */
    stage: text('stage').notNull().default('ok'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sessions_token_uq').on(t.tokenHash),
    index('sessions_person_idx').on(t.personId).where(sql`revoked_at IS NULL`),
  ],
);
