import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tsvector, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { documents } from '../documents/schema.ts';
import { people } from '../people/schema.ts';

/*
 * Public services (dịch vụ công): the catalogue of administrative procedures (TTHC), applicants'
 * accounts, dossiers (hồ sơ TTHC) from online submission or the one-stop desk (bộ phận một cửa) to
 * the returned result, with the forms Mẫu 01–07 of Circular 03/2025/TT-VPCP made from these rows.
 * Facts: ../shared/domain/public-services.md, services-facts.md §A–B; shapes in src/shared/services.
 */

/**
 * A procedure as the catalogue lists it. The fields people search and filter on are columns; the
 * full content (steps, papers, fees, form schema, legal bases…) is a version in
 * `service_procedure_versions` (`ProcedureContent`, shared/services/procedure.ts). A dossier keeps the
 * version it was submitted under, so a later change never rewrites what an applicant was asked.
 */
export const serviceProcedures = pgTable(
  'service_procedures',
  {
    id: idColumn(),
    /** National code (mã TTHC), e.g. 1.011442.000.00.00.H38; the stable public URL uses it. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** Field (lĩnh vực) as named in the national database. */
    field: text('field').notNull(),
    /** province | district | commune */
    level: text('level').notNull(),
    /** none | partial (một phần) | full (toàn trình) — NĐ 42/2022 Điều 11. */
    onlineLevel: text('online_level').notNull().default('none'),
    /** Legal processing time in working days, from the current version (for lists and sorting). */
    processingDays: integer('processing_days').notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    /** A retired procedure stays readable (its dossiers point at it) but takes no new dossiers. */
    active: boolean('active').notNull().default(true),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('simple', regexp_replace(lt_norm(code || ' ' || name || ' ' || field), '[^a-z0-9.]+', ' ', 'g'))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('service_procedures_search_idx').using('gin', t.searchVector),
    index('service_procedures_field_idx').on(t.field, t.name),
    check('service_procedures_level_ck', sql`${t.level} IN ('province','district','commune')`),
    check('service_procedures_online_ck', sql`${t.onlineLevel} IN ('none','partial','full')`),
  ],
);

/** Every version of a procedure's content; the current one is `service_procedures.current_version`. */
export const serviceProcedureVersions = pgTable(
  'service_procedure_versions',
  {
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => serviceProcedures.id),
    version: integer('version').notNull(),
    /** ProcedureContent (shared/services/procedure.ts), validated before it is written. */
    content: jsonb('content').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.version] })],
);

/** The agencies that implement a procedure (cơ quan thực hiện): their desks receive its dossiers. */
export const serviceProcedureAgencies = pgTable(
  'service_procedure_agencies',
  {
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => serviceProcedures.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [
    primaryKey({ columns: [t.procedureId, t.agencyId] }),
    index('service_procedure_agencies_agency_idx').on(t.agencyId),
  ],
);

/** A catalogue import (xlsx or JSON): what was read, what was wrong, what was written. */
export const serviceProcedureImports = pgTable('service_procedure_imports', {
  id: idColumn(),
  fileName: text('file_name').notNull(),
  /** checked | imported | failed */
  status: text('status').notNull(),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  errors: jsonb('errors').notNull().default([]),
  createdBy: uuid('created_by').references(() => people.id),
  createdAt: createdAt(),
});

/**
 * An applicant's account (công dân, tổ chức), made by e-mail verification: no password, each sign-in
 * is a one-time code sent to the address. Personal data (ID number, address) lives here and on the
 * dossier, and never reaches public pages, logs or figures.
 */
export const serviceApplicants = pgTable(
  'service_applicants',
  {
    id: idColumn(),
    /** Lower-cased. */
    email: text('email').notNull(),
    fullName: text('full_name'),
    /** citizen | organisation */
    kind: text('kind').notNull().default('citizen'),
    idNumber: text('id_number'),
    phone: text('phone'),
    address: text('address'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('service_applicants_email_uq').on(t.email),
    check('service_applicants_kind_ck', sql`${t.kind} IN ('citizen','organisation')`),
  ],
);

/** One-time sign-in codes sent by e-mail (only their SHA-256 kept), with attempts counted. */
export const serviceApplicantCodes = pgTable(
  'service_applicant_codes',
  {
    id: idColumn(),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('service_applicant_codes_email_idx').on(t.email, t.createdAt)],
);

/** Applicants' sessions (cookie `lt_applicant`, SHA-256 kept), apart from staff sessions. */
export const serviceApplicantSessions = pgTable('service_applicant_sessions', {
  id: idColumn(),
  applicantId: uuid('applicant_id')
    .notNull()
    .references(() => serviceApplicants.id),
  tokenHash: text('token_hash').notNull().unique(),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: createdAt(),
});

/**
 * A dossier (hồ sơ TTHC). Status codes 1–10 as in services-facts.md §A3 (shared/services/statuses.ts).
 * `code` is `{agency code}-{yyMMdd}-{NNNN}` from `service_dossier_counters`. A guest reaches it with
 * the code and the tracking secret (only its SHA-256 kept); an applicant with an account sees it in
 * their list. Dates of the legal clock are kept as instants; `due_at` moves with supplements (the
 * clock stops while the applicant is asked for papers) and with an accepted apology (Mẫu 04).
 */
export const serviceDossiers = pgTable(
  'service_dossiers',
  {
    id: idColumn(),
    code: text('code').notNull().unique(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => serviceProcedures.id),
    procedureVersion: integer('procedure_version').notNull(),
    /** online | counter | post */
    channel: text('channel').notNull(),
    /** The procedure's online level when submitted (none | partial | full), for the QĐ 766 shares. */
    onlineLevel: text('online_level').notNull(),
    status: smallint('status').notNull(),
    applicantId: uuid('applicant_id').references(() => serviceApplicants.id),
    secretHash: text('secret_hash').notNull(),
    /** citizen | organisation */
    applicantKind: text('applicant_kind').notNull().default('citizen'),
    applicantName: text('applicant_name').notNull(),
    applicantIdNumber: text('applicant_id_number'),
    applicantEmail: text('applicant_email'),
    applicantPhone: text('applicant_phone'),
    applicantAddress: text('applicant_address'),
    /** The values of the procedure's form (FormSchema), checked by the same rules on both sides. */
    formData: jsonb('form_data').notNull().default({}),
    /** Client-chosen key of an online submission: the same key never makes a second dossier. */
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the submission's canonical body, to tell a retry from a different use of a key. */
    requestHash: text('request_hash'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the desk accepted it (status 2): the legal clock starts the next working day. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** Promised return (hẹn trả), end of that working day; moves with supplements and apologies. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** The first promise, kept for Mẫu 04 and the on-time figures. */
    originalDueAt: timestamp('original_due_at', { withTimezone: true }),
    /** Set while the clock is stopped (waiting for the applicant's supplement, status 5 or 6). */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    /** When the result was ready (status 9) and when it was returned (status 10). */
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    /** online | counter | post */
    returnMethod: text('return_method'),
    /** SHA-256 of the result file in the blob store. */
    resultBlob: text('result_blob'),
    resultFileName: text('result_file_name'),
    /** The outgoing document of the documents module that is the result, when it is one. */
    resultDocumentId: uuid('result_document_id').references(() => documents.id),
    feeAmount: bigint('fee_amount', { mode: 'number' }),
    feePaidAt: timestamp('fee_paid_at', { withTimezone: true }),
    feeReceipt: text('fee_receipt'),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** Who received it at the counter (staff), null for online submissions until the desk acts. */
    receivedBy: uuid('received_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('service_dossiers_idem_uq').on(t.idempotencyKey),
    index('service_dossiers_agency_idx').on(t.agencyId, t.status, t.submittedAt, t.id),
    index('service_dossiers_agency_time_idx').on(t.agencyId, t.submittedAt, t.id),
    index('service_dossiers_applicant_idx').on(t.applicantId, t.submittedAt),
    index('service_dossiers_due_idx').on(t.dueAt).where(sql`${t.status} IN (2, 4)`),
    check('service_dossiers_status_ck', sql`${t.status} BETWEEN 1 AND 10`),
    check('service_dossiers_channel_ck', sql`${t.channel} IN ('online','counter','post')`),
    check('service_dossiers_rating_ck', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
  ],
);

/** The per-agency, per-day counter behind dossier codes (NNNN restarts every day). */
export const serviceDossierCounters = pgTable(
  'service_dossier_counters',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    day: date('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

/** A paper (thành phần hồ sơ) of a dossier: the file, which required paper it is, and when it came. */
export const serviceDossierPapers = pgTable(
  'service_dossier_papers',
  {
    id: idColumn(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => serviceDossiers.id),
    /** The `key` of the paper in the procedure's content (ProcedurePaper.key). */
    paperKey: text('paper_key').notNull(),
    /** SHA-256 of the file in the blob store (platform/blobs). */
    blobSha256: text('blob_sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** The supplement request this paper answered, if any. */
    supplementId: uuid('supplement_id'),
    createdAt: createdAt(),
  },
  (t) => [index('service_dossier_papers_dossier_idx').on(t.dossierId)],
);

/**
 * The handling steps of a dossier (the procedure's trình tự), each handed to a division and an officer
 * with its time budget; the control sheet (Mẫu 06) is printed from these rows. `seq` 0 is the desk's
 * reception; steps are done in order and never rewritten (a redo is a new row).
 */
export const serviceDossierSteps = pgTable(
  'service_dossier_steps',
  {
    id: idColumn(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => serviceDossiers.id),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    /** desk | handle | approve | return */
    kind: text('kind').notNull().default('handle'),
    divisionId: uuid('division_id').references(() => agencies.id),
    assigneeId: uuid('assignee_id').references(() => people.id),
    /** Time budget in working days (may be a fraction: 0.5 = half a day). */
    budgetDays: text('budget_days').notNull().default('1'),
    handedAt: timestamp('handed_at', { withTimezone: true }),
    handedBy: uuid('handed_by').references(() => people.id),
    dueAt: timestamp('due_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => people.id),
    result: text('result'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('service_dossier_steps_seq_uq').on(t.dossierId, t.seq),
    index('service_dossier_steps_assignee_idx').on(t.assigneeId, t.dueAt).where(sql`${t.doneAt} IS NULL`),
  ],
);

/**
 * What happened to a dossier, in order: the timeline the applicant sees (`public_note`, never an
 * officer's name) and the desk sees (all). Every status change writes one row in the same statement.
 */
export const serviceDossierEvents = pgTable(
  'service_dossier_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => serviceDossiers.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** submitted | accepted | supplement_requested | supplement_answered | refused | step_handed | step_done | approved | finished | returned | apology | stopped | withdrawn | fee_paid | rated | note */
    kind: text('kind').notNull(),
    statusFrom: smallint('status_from'),
    statusTo: smallint('status_to'),
    actorId: uuid('actor_id').references(() => people.id),
    byApplicant: boolean('by_applicant').notNull().default(false),
    publicNote: text('public_note'),
    internalNote: text('internal_note'),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('service_dossier_events_dossier_idx').on(t.dossierId, t.id)],
);

/**
 * A request for supplements (Mẫu 02): the exact papers missing, the reason; the clock stops until the
 * applicant answers online (or at the counter). At most one open request per dossier.
 */
export const serviceSupplements = pgTable(
  'service_supplements',
  {
    id: idColumn(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => serviceDossiers.id),
    /** [{ paperKey?, name, originals, copies, note? }] */
    items: jsonb('items').notNull(),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by').references(() => people.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('service_supplements_open_uq').on(t.dossierId).where(sql`${t.answeredAt} IS NULL`)],
);

/**
 * A late dossier's apology and new date (Mẫu 04): made before the due date passes, sent to the
 * applicant; it moves `service_dossiers.due_at`. Also the stop notice (Mẫu 05) and the refusal
 * (Mẫu 03) are kept here as the letters sent, so each form can be printed again as it was.
 */
export const serviceLetters = pgTable(
  'service_letters',
  {
    id: idColumn(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => serviceDossiers.id),
    /** supplement (Mẫu 02) | refusal (03) | apology (04) | stop (05) */
    form: text('form').notNull(),
    reason: text('reason').notNull(),
    previousDueAt: timestamp('previous_due_at', { withTimezone: true }),
    newDueAt: timestamp('new_due_at', { withTimezone: true }),
    signerName: text('signer_name'),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('service_letters_dossier_idx').on(t.dossierId, t.createdAt),
    check('service_letters_form_ck', sql`${t.form} IN ('supplement','refusal','apology','stop')`),
  ],
);
