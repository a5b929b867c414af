// What other modules may use from signatures.

export { signaturesModule } from './module.ts';
