// What other modules may use from people.

export { resolveSession, signInsToday } from './auth.ts';
export { peopleModule } from './module.ts';
export { authRoutes, peopleRoutes } from './routes.ts';
export { people, positions, sessions } from './schema.ts';
export { activeHolders, activePositions, countActivePeople } from './store.ts';
