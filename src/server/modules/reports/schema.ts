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
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { people } from '../people/schema.ts';

/**
 * The province's settings of the reports (one row): which agency is the IT department that appraises
 * IT plans and consolidates the agencies' reports (Sở TT&TT, since 2025 Sở KH&CN). Its people see the
 * measured figures of every agency, as the province's own people do.
 */
export const reportSettings = pgTable(
  'report_settings',
  {
    id: boolean('id').primaryKey().default(true),
    itAgencyId: uuid('it_agency_id').references(() => agencies.id),
    updatedAt: updatedAt(),
  },
  (t) => [check('report_settings_one_row_ck', sql`${t.id}`)],
);

/*
 * Periodic reports (issue 20). A template is the form of a report (sections of free text and tables
 * whose rows may fill themselves from a measured figure); a cycle issues a template for one period to
 * a set of agencies, with a due date computed from the period end; each agency has one submission
 * per cycle, filled, submitted, returned with comments or accepted; the IT department consolidates
 * the accepted ones into the province's report. The shapes of `sections` and `values` are the zod
 * schemas of src/shared/reports/periodic.ts.
 */
export const reportTemplates = pgTable(
  'report_templates',
  {
    id: idColumn(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** month | half | year */
    cycle: text('cycle').notNull(),
    /** The heading of the report as printed (e.g. "Tình hình ứng dụng công nghệ thông tin"). */
    title: text('title').notNull(),
    /** Working days after the period end that agencies have to submit. */
    dueDays: integer('due_days').notNull().default(5),
    sections: jsonb('sections').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('report_templates_code_uq').on(t.code)],
);

export const reportCycles = pgTable(
  'report_cycles',
  {
    id: idColumn(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => reportTemplates.id),
    year: integer('year').notNull(),
    /** The month (1–12) or half (1–2) of the year; 0 for a yearly report. */
    period: integer('period').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    dueDate: date('due_date').notNull(),
    /** open: agencies submit; closed: consolidated, nothing more is accepted. */
    status: text('status').notNull().default('open'),
    issuedBy: uuid('issued_by').references(() => people.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('report_cycles_period_uq').on(t.templateId, t.year, t.period),
    index('report_cycles_due_idx').on(t.status, t.dueDate),
  ],
);

export const reportSubmissions = pgTable(
  'report_submissions',
  {
    id: idColumn(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => reportCycles.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** draft | submitted | returned | accepted */
    status: text('status').notNull().default('draft'),
    values: jsonb('values').notNull().default({}),
    /** Optimistic concurrency: a save names the version it edited. */
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => people.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => people.id),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    updatedBy: uuid('updated_by').references(() => people.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('report_submissions_cycle_agency_uq').on(t.cycleId, t.agencyId),
    index('report_submissions_agency_idx').on(t.agencyId, t.status),
  ],
);

/** Each return of a submission with the IT department's comment (the history the agency reads). */
export const reportReturns = pgTable(
  'report_returns',
  {
    id: idColumn(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => reportSubmissions.id),
    comment: text('comment').notNull(),
    returnedBy: uuid('returned_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [index('report_returns_submission_idx').on(t.submissionId, t.createdAt)],
);

/*
 * IT plans (issue 20): an agency's five-year plan and its annual plans (each annual plan linked to
 * the five-year plan it carries out), their tasks with budget lines, timeline and expected results;
 * submitted to the IT department for appraisal (comments per plan or per task, returned and
 * resubmitted as new versions), then approved by the People's Committee, whose approval may be issued
 * as an outgoing document; during the year each task's progress is reported.
 */
export const itPlans = pgTable(
  'it_plans',
  {
    id: idColumn(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** five_year | annual */
    kind: text('kind').notNull(),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    /** The five-year plan an annual plan carries out. */
    parentPlanId: uuid('parent_plan_id'),
    title: text('title').notNull(),
    objectives: text('objectives').notNull().default(''),
    expectedResults: text('expected_results').notNull().default(''),
    /** draft | submitted | returned | appraised | approved */
    status: text('status').notNull().default('draft'),
    /** Incremented at each submission; comments and snapshots name the version. */
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    appraisedAt: timestamp('appraised_at', { withTimezone: true }),
    appraisedBy: uuid('appraised_by').references(() => people.id),
    appraisalOpinion: text('appraisal_opinion'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => people.id),
    /** The outgoing document (documents module) that issued the approval, once drafted. */
    approvalDocumentId: uuid('approval_document_id'),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('it_plans_agency_idx').on(t.agencyId, t.startYear),
    index('it_plans_status_idx').on(t.status, t.submittedAt),
  ],
);

export const itPlanTasks = pgTable(
  'it_plan_tasks',
  {
    id: idColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => itPlans.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    /** The five-year plan's task this annual task carries out. */
    parentTaskId: uuid('parent_task_id'),
    /** Funding source (ngân sách trung ương, địa phương, nguồn khác) and amount in VND. */
    budgetSource: text('budget_source'),
    budgetAmount: bigint('budget_amount', { mode: 'number' }),
    startDate: date('start_date'),
    endDate: date('end_date'),
    expectedResult: text('expected_result').notNull().default(''),
    /** 0–100, reported during the year. */
    progress: integer('progress').notNull().default(0),
    progressNote: text('progress_note'),
    progressAt: timestamp('progress_at', { withTimezone: true }),
    progressBy: uuid('progress_by').references(() => people.id),
  },
  (t) => [index('it_plan_tasks_plan_idx').on(t.planId, t.ordinal)],
);

/** Appraisal comments on a plan (taskId null) or one of its tasks, per version. */
export const itPlanComments = pgTable(
  'it_plan_comments',
  {
    id: idColumn(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => itPlans.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id'),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => people.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('it_plan_comments_plan_idx').on(t.planId, t.createdAt)],
);

/** What was submitted at each version (the plan and its tasks as JSON), for comparison. */
export const itPlanVersions = pgTable(
  'it_plan_versions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => itPlans.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    submittedBy: uuid('submitted_by').references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version] })],
);
