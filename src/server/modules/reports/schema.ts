import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, uuid } from 'drizzle-orm/pg-core';
import { updatedAt } from '../../db/columns.ts';
import { agencies } from '../agencies/schema.ts';

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
