// What other modules may use from indicators.

export { indicatorsModule } from './module.ts';
