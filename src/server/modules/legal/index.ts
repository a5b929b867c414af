// What other modules may use from legal.

export { legalModule } from './module.ts';
