import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';
import { people } from '../people/schema.ts';

/*
 * Socio-economic indicators (thông tin tổng hợp KT-XH), on the DHIS2 model the facts file names:
 * a value is keyed by (indicator, period, reporting agency, disaggregation option); forms (data sets)
 * group indicators for a periodicity and the agencies that report them; reports move up the tree
 * for approval. Periods are text codes (see shared/indicators/periods.ts): 2026M01, 2026Q1,
 * 2026S1 (6 months), 2026N9 (9 months), 2026.
 */

/** The groups of the statistical system (QĐ 05/2023/QĐ-TTg: 20 at province level, T01 … T20). */
export const indicatorGroups = pgTable('indicator_groups', {
  id: idColumn(),
  /** T01, H03, or the province's own. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

/**
 * A disaggregation (phân tổ): a set of options a value is broken down by, e.g. sex (nam, nữ) or
 * sex × urban/rural (four options). The total of a value is stored under the option code ''.
 */
export const indicatorDisaggregations = pgTable('indicator_disaggregations', {
  id: idColumn(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** [{ code, name }] in display order; codes are short ASCII (nam, nu, tt, nt …). */
  options: jsonb('options').$type<{ code: string; name: string }[]>().notNull(),
});

/**
 * An indicator and its current definition. Every change of definition raises `version` and keeps
 * the previous definition in indicator_versions; values remember the version they were entered
 * under, so a changed definition never rewrites past values.
 */
export const indicators = pgTable(
  'indicators',
  {
    id: idColumn(),
    /** T0101, H0301 …, or the province's own code. Never changes. */
    code: text('code').notNull().unique(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => indicatorGroups.id),
    name: text('name').notNull(),
    /** %, tỷ đồng, tấn, người, ha … */
    unit: text('unit').notNull(),
    /** month | quarter | half | nine_months | year */
    periodicity: text('periodicity').notNull(),
    /** number | percent | integer */
    valueType: text('value_type').notNull(),
    decimals: smallint('decimals').notNull().default(0),
    /**
     * How values roll up the agencies tree: sum | weighted_avg (by `weightCode`) | formula
     * (recomputed from components at each node, `formula` over indicator codes) | last (summed
     * across the tree, last period across time: stocks such as population) | none (not aggregable).
     */
    aggregation: text('aggregation').notNull(),
    weightCode: text('weight_code'),
    /** e.g. "T0601 / T0102 * 1000000": + − × ÷, parentheses, numbers and indicator codes. */
    formula: text('formula'),
    disaggregationId: uuid('disaggregation_id').references(() => indicatorDisaggregations.id),
    /** The level that reports it: commune | district | department | province. */
    level: text('level').notNull(),
    responsibleAgencyId: uuid('responsible_agency_id').references(() => agencies.id),
    /** false for the demo's examples and the province's own indicators (not on an official list). */
    official: boolean('official').notNull().default(false),
    /** Published as open data when approved (false: internal figures). */
    open: boolean('open').notNull().default(true),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('indicators_group_idx').on(t.groupId, t.sortOrder),
    check(
      'indicators_periodicity_ck',
      sql`${t.periodicity} IN ('month','quarter','half','nine_months','year')`,
    ),
    check('indicators_value_type_ck', sql`${t.valueType} IN ('number','percent','integer')`),
    check(
      'indicators_aggregation_ck',
      sql`${t.aggregation} IN ('sum','weighted_avg','formula','last','none')`,
    ),
  ],
);

/** Every definition an indicator has had (a snapshot of its row), newest with the highest version. */
export const indicatorVersions = pgTable(
  'indicator_versions',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    changedById: uuid('changed_by_id').references(() => people.id),
    changedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.version] })],
);

/**
 * A report form (biểu mẫu, DHIS2's data set): indicators of one periodicity reported by a set of
 * agencies. A period's form opens when the period ends, is due `dueDays` days later and locks
 * `lockDays` days after the end unless an administrator reopens it for one agency and period.
 */
export const indicatorForms = pgTable('indicator_forms', {
  id: idColumn(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  periodicity: text('periodicity').notNull(),
  dueDays: integer('due_days').notNull().default(5),
  lockDays: integer('lock_days').notNull().default(15),
  /**
   * How many levels up the agencies tree approve a submission, one after the other (0: a
   * submission is final; 1: the parent approves; 2: the parent, then its parent …).
   */
  approvalLevels: smallint('approval_levels').notNull().default(1),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const indicatorFormItems = pgTable(
  'indicator_form_items',
  {
    formId: uuid('form_id')
      .notNull()
      .references(() => indicatorForms.id),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.formId, t.indicatorId] })],
);

export const indicatorFormAgencies = pgTable(
  'indicator_form_agencies',
  {
    formId: uuid('form_id')
      .notNull()
      .references(() => indicatorForms.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [
    primaryKey({ columns: [t.formId, t.agencyId] }),
    index('indicator_form_agencies_agency_idx').on(t.agencyId),
  ],
);

/** An administrator's reopening of a locked period for one agency, until a date. */
export const indicatorReopenings = pgTable(
  'indicator_reopenings',
  {
    formId: uuid('form_id')
      .notNull()
      .references(() => indicatorForms.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    period: text('period').notNull(),
    until: timestamp('until', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    byId: uuid('by_id')
      .notNull()
      .references(() => people.id),
    at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.formId, t.agencyId, t.period] })],
);

/**
 * One agency's report of one form for one period: its state in the approval chain.
 * draft → submitted (level 1 … approvalLevels waiting) → approved; returned goes back to the agency.
 */
export const indicatorReports = pgTable(
  'indicator_reports',
  {
    formId: uuid('form_id')
      .notNull()
      .references(() => indicatorForms.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    period: text('period').notNull(),
    /** draft | submitted | approved | returned */
    status: text('status').notNull().default('draft'),
    /** While submitted: the approval level waiting (1 = the parent agency). */
    level: smallint('level').notNull().default(0),
    /** The agency whose approval is awaited (while submitted). */
    awaitingAgencyId: uuid('awaiting_agency_id').references(() => agencies.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedById: uuid('submitted_by_id').references(() => people.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    returnReason: text('return_reason'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.formId, t.agencyId, t.period] }),
    index('indicator_reports_awaiting_idx').on(t.awaitingAgencyId, t.status),
    check('indicator_reports_status_ck', sql`${t.status} IN ('draft','submitted','approved','returned')`),
  ],
);

/** Each step of a report: submitted, approved (at a level), returned (with the reason), reopened. */
export const indicatorReportSteps = pgTable(
  'indicator_report_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    formId: uuid('form_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    period: text('period').notNull(),
    action: text('action').notNull(),
    level: smallint('level').notNull().default(0),
    byId: uuid('by_id').references(() => people.id),
    byAgencyId: uuid('by_agency_id').references(() => agencies.id),
    note: text('note'),
    at: createdAt(),
  },
  (t) => [index('indicator_report_steps_report_idx').on(t.formId, t.agencyId, t.period, t.id)],
);

/**
 * The values. One row per (indicator, period, agency, option): the estimate (ước) and the official
 * value (chính thức) side by side; the official one counts when present. `rev` counts saves: a
 * save names the revision it read, and a save against a newer one is refused (two people, one cell).
 */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    period: text('period').notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** The disaggregation option, '' for the total. */
    optionCode: text('option_code').notNull().default(''),
    estimate: numeric('estimate'),
    official: numeric('official'),
    comment: text('comment'),
    /** The indicator's version when the value was last saved. */
    indicatorVersion: integer('indicator_version').notNull(),
    rev: integer('rev').notNull().default(1),
    updatedById: uuid('updated_by_id').references(() => people.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.period, t.agencyId, t.optionCode] }),
    index('indicator_values_agency_idx').on(t.agencyId, t.period),
  ],
);

/** Every change of a value: who, when, which kind (estimate | official | comment), before and after. */
export const indicatorValueHistory = pgTable(
  'indicator_value_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indicatorId: uuid('indicator_id').notNull(),
    period: text('period').notNull(),
    agencyId: uuid('agency_id').notNull(),
    optionCode: text('option_code').notNull().default(''),
    kind: text('kind').notNull(),
    before: text('before'),
    after: text('after'),
    byId: uuid('by_id').references(() => people.id),
    at: createdAt(),
  },
  (t) => [
    index('indicator_value_history_cell_idx').on(t.indicatorId, t.agencyId, t.period, t.optionCode, t.id),
  ],
);

/** The plan for the year (kế hoạch) of an indicator for an agency (total only). */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: integer('year').notNull(),
    value: numeric('value').notNull(),
    updatedById: uuid('updated_by_id').references(() => people.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.agencyId, t.year] })],
);

/**
 * Validation rules: left side, operator, right side, each an expression over indicator codes
 * (a code alone is the total; CODE[option] one option), e.g. "T0201[nu] <= T0201",
 * "H0105 <= H0104 * 1.2". A blocking rule stops a submission; a warning asks for a comment.
 */
export const indicatorRules = pgTable('indicator_rules', {
  id: idColumn(),
  /** The form it applies to; null: every form holding all its indicators. */
  formId: uuid('form_id').references(() => indicatorForms.id),
  name: text('name').notNull(),
  left: text('left').notNull(),
  operator: text('operator').notNull(),
  right: text('right').notNull(),
  /** blocking | warning */
  importance: text('importance').notNull().default('warning'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

/** A leader's dashboard: charts configured and, when pinned, shown on the home page. */
export const indicatorDashboards = pgTable(
  'indicator_dashboards',
  {
    id: idColumn(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id),
    name: text('name').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    /** [{ title, chart: line|bar|stacked|table, indicators: [code], agencyId, from, to, compare }] */
    items: jsonb('items').$type<Record<string, unknown>[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('indicator_dashboards_owner_idx').on(t.ownerId)],
);

/** Which reminders went out (a form, agency, period and kind once). */
export const indicatorReminders = pgTable(
  'indicator_reminders',
  {
    formId: uuid('form_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    period: text('period').notNull(),
    /** due_soon | overdue */
    kind: text('kind').notNull(),
    at: createdAt(),
  },
  (t) => [uniqueIndex('indicator_reminders_uq').on(t.formId, t.agencyId, t.period, t.kind)],
);
