// What other modules may use from services.

export { servicesModule } from './module.ts';
