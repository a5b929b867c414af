// What other modules may use from people.
export { people, positions, sessions } from './schema.ts';
export { resolveSession, signInsToday } from './auth.ts';
export { authRoutes, peopleRoutes } from './routes.ts';
export { activePositions } from './store.ts';
