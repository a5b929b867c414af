// What other modules may use from documents.

export { seesWholeAgency, visibleTo } from './access.ts';
export { loadVisible } from './common.ts';
export { documentRoutes } from './routes.ts';
export { documentFiles, documents } from './schema.ts';
