// What other modules may use from documents.

export { loadVisible } from './common.ts';
export { documentRoutes } from './routes.ts';
export { documentFiles, documents } from './schema.ts';
