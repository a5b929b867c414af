// What other modules may use from reports.

export { computeMeasures, itAgencyId, periodWindow } from './measures.ts';
export { reportsModule } from './module.ts';
/** Whether the acting person works for the IT department of the reports' settings (or is the system administrator). */
export { isConsolidator } from './templates.ts';
