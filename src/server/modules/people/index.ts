// What other modules may use from people.

export { resolveSession, signInsToday } from './auth.ts';
export { peopleModule } from './module.ts';
export { authRoutes, peopleRoutes } from './routes.ts';
export {
  type ActivePosition,
  activeHolders,
  activePositions,
  addPositionTo,
  contactsOf,
  countActivePeople,
  createAccount,
  divisionHolders,
  divisionMembersSql,
  firstAgencyHolder,
  firstDivisionHolder,
  hasPeople,
  holdersByAgency,
  holdersJsonSql,
  type NewPosition,
  personIdByUsername,
  personNameSql,
  personNames,
  primaryAgencyOf,
  purgeOldSessions,
  staffOf,
} from './store.ts';
