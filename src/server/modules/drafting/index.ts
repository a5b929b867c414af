// What other modules may use from drafting.

export { draftingModule } from './module.ts';
