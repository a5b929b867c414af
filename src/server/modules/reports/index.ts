// What other modules may use from reports.

export { computeMeasures, periodWindow } from './measures.ts';
export { reportsModule } from './module.ts';
