import type { catalogueVi } from './catalogue.ts';

/** Texts of the services module's catalogue screens (English). */
export const catalogueEn: typeof catalogueVi = {
  title: '',
};
