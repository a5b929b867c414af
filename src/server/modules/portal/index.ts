// What other modules may use from portal.

export { portalModule } from './module.ts';
// The portal home's task figures for the actor's scope (tasks.ts).
export { taskCountsFor, tasksScope } from './tasks.ts';
