// What other modules may use from portal.

export { portalModule } from './module.ts';
