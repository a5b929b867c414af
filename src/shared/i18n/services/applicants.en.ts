import type { applicantsVi } from './applicants.ts';

/** Texts of the services module's applicants screens (English). */
export const applicantsEn: typeof applicantsVi = {
  title: '',
};
