import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { documents } from '../documents/schema.ts';
import { people } from '../people/schema.ts';

/*
 * The operational portal (trang thông tin điều hành tác nghiệp): weekly work schedules and the
 * meetings taken from invitations, the tasks leaders assign, announcements. Facts:
 * ../shared/domain/legal-docs.md §4 (schedule layouts), calendar.md (working days).
 */

/** A file attached to a record: bytes in the blob store (by SHA-256), shown under its name. */
export interface AttachedFile {
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
}

// ---------------------------------------------------------------------------------------------
// Weekly work schedules (lịch công tác tuần)

/**
 * A schedule an agency publishes week by week: the People's Committee leaders' (owned by the
 * province's UBND, drafted by its office, public) or any agency's own. `officeAgencyId` is the unit
 * whose staff draft and publish it (Văn phòng UBND tỉnh for the UBND's); by default the agency itself.
 */
export const schedules = pgTable('schedules', {
  id: idColumn(),
  agencyId: uuid('agency_id')
    .notNull()
    .unique()
    .references(() => agencies.id),
  officeAgencyId: uuid('office_agency_id')
    .notNull()
    .references(() => agencies.id),
  /** e.g. "Lịch công tác của Thường trực UBND tỉnh". */
  title: text('title').notNull(),
  /** Published weeks appear on /cong-khai/lich-cong-tac (only entries marked public). */
  isPublic: boolean('is_public').notNull().default(false),
  createdAt: createdAt(),
});

/**
 * One week of a schedule (Monday to Sunday). Drafted freely, then published; after publication every
 * saved change is an adjustment: it raises `revision` ("Điều chỉnh lần N"), `updatedAt` is "Cập nhật
 * lần cuối", and the version before it stays in schedule_week_versions.
 */
export const scheduleWeeks = pgTable(
  'schedule_weeks',
  {
    id: idColumn(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => schedules.id),
    /** The Monday (Asia/Ho_Chi_Minh) of the week. */
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    /** ISO week number and its year ("Tuần thứ N năm Y"). */
    isoYear: integer('iso_year').notNull(),
    isoWeek: integer('iso_week').notNull(),
    /** draft (never published) | published. A published week stays published while adjusted. */
    status: text('status').notNull().default('draft'),
    /** 0 at first publication, N after the Nth adjustment ("Điều chỉnh lần N"). */
    revision: integer('revision').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedById: uuid('published_by_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('schedule_weeks_week_uq').on(t.scheduleId, t.weekStart),
    check('schedule_weeks_status_ck', sql`${t.status} IN ('draft','published')`),
  ],
);

/** Each publication of a week as it was shown (the whole week's entries), the newest last. */
export const scheduleWeekVersions = pgTable(
  'schedule_week_versions',
  {
    weekId: uuid('week_id')
      .notNull()
      .references(() => scheduleWeeks.id),
    revision: integer('revision').notNull(),
    /** The published week: { entries: [...] } exactly as the public page rendered it. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    /** What changed against the previous revision, in words ("Thay đổi địa điểm …"). */
    changeNote: text('change_note'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    publishedById: uuid('published_by_id').references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.weekId, t.revision] })],
);

/**
 * One entry: a line of a week's schedule, or a meeting in someone's own calendar (an accepted
 * invitation: `weekId` null). Its id is the iCalendar UID; `sequence` is raised by every change
 * a subscriber must see (RFC 5545 SEQUENCE); a cancelled entry stays, with status 'cancelled'.
 */
export const scheduleEntries = pgTable(
  'schedule_entries',
  {
    id: idColumn(),
    /** The schedule's owner, or for a meeting the agency that took the invitation in. */
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    weekId: uuid('week_id').references(() => scheduleWeeks.id),
    /** Calendar day (Asia/Ho_Chi_Minh) and session: morning (sáng) | afternoon (chiều) | evening (tối). */
    day: date('day', { mode: 'string' }).notNull(),
    session: text('session').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    content: text('content').notNull(),
    place: text('place').notNull().default(''),
    /** The chairing leader as printed ("PCT Trương Văn Sáu"); the person is in schedule_entry_people. */
    chairText: text('chair_text').notNull().default(''),
    /** Invitees as printed ("Lãnh đạo Sở Tài chính, UBND huyện …"); people and agencies in the link tables. */
    participantsText: text('participants_text').notNull().default(''),
    preparingAgencyId: uuid('preparing_agency_id').references(() => agencies.id),
    /** "Sở … chuẩn bị nội dung và thư mời" when the preparing body is not one of ours. */
    preparingText: text('preparing_text').notNull().default(''),
    /** Lãnh đạo VP và phòng chuyên môn theo dõi. */
    followingText: text('following_text').notNull().default(''),
    notes: text('notes').notNull().default(''),
    /** Shown on the public page when its week is published and the schedule is public. */
    isPublic: boolean('is_public').notNull().default(true),
    /** active | cancelled */
    status: text('status').notNull().default('active'),
    /** RFC 5545 SEQUENCE: 0 when created, +1 for each change of time, place, content or status. */
    sequence: integer('sequence').notNull().default(0),
    /** The invitation (giấy mời) this entry comes from or is attached to. */
    invitationDocumentId: uuid('invitation_document_id').references(() => documents.id),
    /** schedule (typed by the office) | invitation (confirmed from an incoming giấy mời). */
    source: text('source').notNull().default('schedule'),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('schedule_entries_week_idx').on(t.weekId, t.day, t.startsAt),
    index('schedule_entries_agency_time_idx').on(t.agencyId, t.startsAt),
    index('schedule_entries_updated_idx').on(t.agencyId, t.updatedAt),
    check('schedule_entries_session_ck', sql`${t.session} IN ('morning','afternoon','evening')`),
    check('schedule_entries_status_ck', sql`${t.status} IN ('active','cancelled')`),
    check('schedule_entries_source_ck', sql`${t.source} IN ('schedule','invitation')`),
    check('schedule_entries_order_ck', sql`${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
  ],
);

/** People of an entry: chair (chủ trì), participant (thành phần, tham dự), following (theo dõi). */
export const scheduleEntryPeople = pgTable(
  'schedule_entry_people',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => scheduleEntries.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.personId, t.role] }),
    index('schedule_entry_people_person_idx').on(t.personId),
    check('schedule_entry_people_role_ck', sql`${t.role} IN ('chair','participant','following')`),
  ],
);

/** Agencies invited to an entry (thành phần) or preparing it. */
export const scheduleEntryAgencies = pgTable(
  'schedule_entry_agencies',
  {
    entryId: uuid('entry_id')
      .notNull()
      .references(() => scheduleEntries.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.agencyId, t.role] }),
    index('schedule_entry_agencies_agency_idx').on(t.agencyId),
    check('schedule_entry_agencies_role_ck', sql`${t.role} IN ('participant','preparing')`),
  ],
);

/**
 * A secret URL to subscribe to a calendar (iCalendar feed): of one person, of one agency or of the
 * whole public schedule. Only the SHA-256 of the token is stored; a revoked token answers 404.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: idColumn(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id),
    /** person (the owner's own week) | agency (an agency's schedule) | all (every public schedule). */
    scope: text('scope').notNull(),
    /** The person or agency the feed shows; null for 'all'. */
    targetId: uuid('target_id'),
    tokenHash: text('token_hash').notNull().unique(),
    label: text('label').notNull().default(''),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    index('calendar_feeds_owner_idx').on(t.ownerId),
    check('calendar_feeds_scope_ck', sql`${t.scope} IN ('person','agency','all')`),
  ],
);

/**
 * A meeting proposed from an incoming invitation (giấy mời): the fields read from its text, which
 * the clerk confirms (→ an entry) or dismisses. One per document and receiving agency.
 */
export const scheduleInvitations = pgTable(
  'schedule_invitations',
  {
    id: idColumn(),
    documentId: uuid('document_id')
      .notNull()
      .unique()
      .references(() => documents.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** { day, time, endTime?, place, content } as read from the text; the clerk may change them. */
    proposal: jsonb('proposal').$type<Record<string, unknown>>().notNull(),
    /** proposed | confirmed | dismissed */
    status: text('status').notNull().default('proposed'),
    entryId: uuid('entry_id').references(() => scheduleEntries.id),
    decidedById: uuid('decided_by_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('schedule_invitations_agency_idx').on(t.agencyId, t.status, t.createdAt),
    check('schedule_invitations_status_ck', sql`${t.status} IN ('proposed','confirmed','dismissed')`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Tasks assigned by leaders (nhiệm vụ được giao)

/**
 * A task an agency's office records from a conclusion notice, a directive or a meeting, assigned to
 * a lead agency (and co-operating ones in task_agencies). Status: in_progress → reported (result
 * sent) → done (accepted by the office) or back to in_progress (returned); cancelled.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: idColumn(),
    /** The agency whose office assigns and follows it (the province's UBND for the chairman's tasks). */
    assignerAgencyId: uuid('assigner_agency_id')
      .notNull()
      .references(() => agencies.id),
    leadAgencyId: uuid('lead_agency_id')
      .notNull()
      .references(() => agencies.id),
    content: text('content').notNull(),
    /** conclusion (thông báo kết luận) | directive (chỉ thị, văn bản chỉ đạo) | meeting | other */
    sourceKind: text('source_kind').notNull(),
    sourceDocumentId: uuid('source_document_id').references(() => documents.id),
    sourceEntryId: uuid('source_entry_id').references(() => scheduleEntries.id),
    /** The source as printed ("Thông báo số 45/TB-UBND ngày 02/12/2026"). */
    sourceText: text('source_text').notNull().default(''),
    assignedOn: date('assigned_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** When the deadline was given in working days (calendar.md), how many. */
    dueWorkingDays: integer('due_working_days'),
    /** in_progress | reported | done | cancelled */
    status: text('status').notNull().default('in_progress'),
    /** Progress the lead agency last reported, 0–100. */
    progress: integer('progress').notNull().default(0),
    /** The day the result was reported (the one that counts for on time / late once accepted). */
    reportedOn: date('reported_on', { mode: 'string' }),
    /** The day the office accepted the result. */
    doneOn: date('done_on', { mode: 'string' }),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tasks_assigner_idx').on(t.assignerAgencyId, t.status, t.dueOn),
    index('tasks_lead_idx').on(t.leadAgencyId, t.status, t.dueOn),
    index('tasks_due_idx').on(t.status, t.dueOn),
    check('tasks_status_ck', sql`${t.status} IN ('in_progress','reported','done','cancelled')`),
    check('tasks_source_ck', sql`${t.sourceKind} IN ('conclusion','directive','meeting','other')`),
    check('tasks_due_ck', sql`${t.dueOn} >= ${t.assignedOn}`),
    check('tasks_progress_ck', sql`${t.progress} BETWEEN 0 AND 100`),
  ],
);

/** Agencies of a task: the lead (chủ trì, also in tasks.lead_agency_id) and co-operating ones (phối hợp). */
export const taskAgencies = pgTable(
  'task_agencies',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    role: text('role').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.agencyId] }),
    index('task_agencies_agency_idx').on(t.agencyId),
    check('task_agencies_role_ck', sql`${t.role} IN ('lead','cooperate')`),
  ],
);

/** What happened to a task: progress reports, the result, the office's acceptance or return. */
export const taskEvents = pgTable(
  'task_events',
  {
    id: idColumn(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** created | progress | result | accepted | returned | extended | cancelled */
    kind: text('kind').notNull(),
    agencyId: uuid('agency_id').references(() => agencies.id),
    actorId: uuid('actor_id').references(() => people.id),
    text: text('text').notNull().default(''),
    progress: integer('progress'),
    files: jsonb('files').$type<AttachedFile[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('task_events_task_idx').on(t.taskId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------
// Announcements (thông báo)

/**
 * A notice from an agency to the whole province, to chosen agencies (announcement_agencies) or to
 * roles (`roles`), with attachments, pinned or not, until `expiresAt`. `isPublic` ones also appear
 * on /cong-khai/thong-bao.
 */
export const announcements = pgTable(
  'announcements',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** all | agencies | roles */
    audience: text('audience').notNull(),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    pinned: boolean('pinned').notNull().default(false),
    isPublic: boolean('is_public').notNull().default(false),
    files: jsonb('files').$type<AttachedFile[]>().notNull().default([]),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** published | withdrawn */
    status: text('status').notNull().default('published'),
    createdById: uuid('created_by_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('announcements_published_idx').on(t.status, t.publishedAt),
    // The readers' order (pinned first, newest): a list or the home's unread ones walk it and stop.
    index('announcements_feed_idx')
      .on(t.pinned.desc(), t.publishedAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'published'`),
    index('announcements_agency_idx').on(t.agencyId, t.publishedAt),
    check('announcements_audience_ck', sql`${t.audience} IN ('all','agencies','roles')`),
    check('announcements_status_ck', sql`${t.status} IN ('published','withdrawn')`),
  ],
);

export const announcementAgencies = pgTable(
  'announcement_agencies',
  {
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [
    primaryKey({ columns: [t.announcementId, t.agencyId] }),
    index('announcement_agencies_agency_idx').on(t.agencyId),
  ],
);

/** Read receipts: who opened an announcement, and when (the sender sees who has not). */
export const announcementReads = pgTable(
  'announcement_reads',
  {
    announcementId: uuid('announcement_id')
      .notNull()
      .references(() => announcements.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.announcementId, t.personId] })],
);
